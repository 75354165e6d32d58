"""review-app: review and post-edit machine-translated German."""

__version__ = "0.1.0"
