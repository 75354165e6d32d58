from review_app.cli import main

raise SystemExit(main())
