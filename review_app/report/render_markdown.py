"""The Markdown report: a summary, then one table per file."""

from __future__ import annotations

from review_app.report.model import FileReport, Report


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("`", "'")


def _file_section(report: FileReport) -> list[str]:
    lines = [f"## {_cell(report.path)}", ""]
    if report.notice:
        lines += [f"> {_cell(report.notice)}", ""]
    if not report.flags:
        lines += [f"No flags in {report.segments} segments.", ""]
        return lines
    lines += [
        "| Line:col | Seg. | Severity | Flagged | Suggestions | Message | Rule | Category |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in report.flags:
        suggestions = ", ".join(f"`{_cell(s)}`" for s in f.suggestions[:5]) or "–"
        lines.append(
            f"| {f.line}:{f.column} | {f.segment} | {f.severity.label} | `{_cell(f.text)}` "
            f"| {suggestions} | {_cell(f.message)} | {_cell(f.rule_id)} | {_cell(f.category)} |"
        )
    lines.append("")
    return lines


def _counts_table(title: str, counts: dict[str, int]) -> list[str]:
    if not counts:
        return []
    lines = [f"| {title} | Flags |", "|---|---|"]
    lines += [f"| {_cell(k)} | {v} |" for k, v in counts.items()]
    return [*lines, ""]


def render_markdown(report: Report) -> str:
    s = report.summary
    severity = ", ".join(f"{n} {label}" for label, n in s.by_severity.items())
    lines = [
        "# Grammar report",
        "",
        f"Checker: {_cell(report.checker_description)}  ",
        f"{s.files} files, {s.segments} segments, {s.flags} flags ({severity}).",
        "",
    ]
    for failure in report.failures:
        lines.append(f"- **Not checked:** {_cell(failure.error)}")
    if report.failures:
        lines.append("")
    lines += ["## Summary", ""]
    lines += _counts_table("Rule", s.by_rule)
    lines += _counts_table("Category", s.by_category)
    for file_report in report.files:
        lines += _file_section(file_report)
    return "\n".join(lines).rstrip() + "\n"
