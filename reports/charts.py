"""Charts drawn on the server as SVG: no JavaScript, no CDN, and they print. Each has an
accessible name (<title>) and a description (<desc>) saying the figures in words, and every
bar carries its value as text, so colour is never the only carrier."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BLUE = "#1d4e89"
LIGHT = "#dfe6ef"
RED = "#a61b1b"
TEXT = "#1b1f24"
CHANNEL_COLOURS = ("#1d4e89", "#2f7d32", "#8a5a00", "#6b3fa0", "#5c6670")


def _number(value) -> str:
    """Vietnamese decimals: 81,82."""
    if isinstance(value, Decimal | float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def _svg(*, width: int, height: int, title: str, desc: str, body: list[str], ident: str):
    # Every text put in `body` went through escape(); numbers are formatted here.
    return mark_safe(  # noqa: S308 # nosec B308 B703
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'font-family="sans-serif" font-size="13">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def bars(
    items: list[tuple[str, Decimal | None, Decimal]], *, title: str, ident: str, missing: str
) -> SafeString:
    """Horizontal bars, one per item: (label, value or None, maximum). The 766 groups: points
    out of each group's maximum; a group without data says `missing` instead of a bar."""
    row, label_width, bar_width = 30, 220, 360
    height = row * len(items) + 10
    body, words = [], []
    for index, (label, value, maximum) in enumerate(items):
        y = 5 + index * row
        body.append(
            f'<text x="0" y="{y + 19}" fill="{TEXT}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 5}" width="{bar_width}" height="18" fill="{LIGHT}"/>'
        )
        if value is None:
            text = f"{missing} / {_number(maximum)}"
            words.append(f"{label}: {missing}")
        else:
            share = float(value) / float(maximum) if maximum else 0
            length = round(bar_width * min(share, 1))
            body.append(
                f'<rect x="{label_width}" y="{y + 5}" width="{length}" height="18" fill="{BLUE}"/>'
            )
            text = f"{_number(value)} / {_number(maximum)}"
            words.append(f"{label}: {text}")
        body.append(
            f'<text x="{label_width + bar_width + 8}" y="{y + 19}" fill="{TEXT}">'
            f"{escape(text)}</text>"
        )
    return _svg(
        width=label_width + bar_width + 110,
        height=height,
        title=title,
        desc="; ".join(words),
        body=body,
        ident=ident,
    )


def trend(
    points: list[tuple[str, Decimal | None]],
    *,
    title: str,
    ident: str,
    target: Decimal | None = None,
    missing: str = "–",
) -> SafeString:
    """Vertical bars of a percentage per period (0–100 %), with the target as a dashed line. A
    period with nothing to count shows a dash; the description says `missing` for it."""
    width, height, left, bottom, top = 560, 220, 40, 30, 20
    plot = height - bottom - top
    step = (width - left - 10) / max(len(points), 1)
    body = [
        f'<line x1="{left}" y1="{top + plot}" x2="{width - 5}" y2="{top + plot}" stroke="{TEXT}"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" fill="{TEXT}">100</text>',
        f'<text x="{left - 6}" y="{top + plot + 4}" text-anchor="end" fill="{TEXT}">0</text>',
    ]
    words = []
    for index, (label, value) in enumerate(points):
        x = left + index * step + step * 0.15
        bar = step * 0.7
        body.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - 8}" text-anchor="middle" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
        if value is None:
            words.append(f"{label}: {missing}")
            body.append(
                f'<text x="{x + bar / 2:.1f}" y="{top + plot - 6}" text-anchor="middle" '
                f'fill="{TEXT}">–</text>'
            )
            continue
        length = plot * min(float(value), 100) / 100
        words.append(f"{label}: {_number(value)} %")
        body.append(
            f'<rect x="{x:.1f}" y="{top + plot - length:.1f}" width="{bar:.1f}" '
            f'height="{length:.1f}" fill="{BLUE}"/>'
            f'<text x="{x + bar / 2:.1f}" y="{top + plot - length - 4:.1f}" text-anchor="middle" '
            f'fill="{TEXT}">{_number(value)}</text>'
        )
    if target is not None:
        y = top + plot - plot * min(float(target), 100) / 100
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 5}" y2="{y:.1f}" stroke="{RED}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{width - 5}" y="{y - 4:.1f}" text-anchor="end" fill="{RED}">'
            f"{_number(target)} %</text>"
        )
        words.append(f"mục tiêu {_number(target)} %")
    return _svg(
        width=width, height=height, title=title, desc="; ".join(words), body=body, ident=ident
    )


def mix(parts: list[tuple[str, int]], *, title: str, ident: str) -> SafeString:
    """One stacked bar of counts (the channel mix), with a legend giving each count and share."""
    width, bar_width = 560, 540
    total = sum(count for _label, count in parts)
    body, words, x = [], [], 10.0
    for index, (label, count) in enumerate(parts):
        colour = CHANNEL_COLOURS[index % len(CHANNEL_COLOURS)]
        share = count / total if total else 0
        length = bar_width * share
        if length:
            body.append(
                f'<rect x="{x:.1f}" y="10" width="{length:.1f}" height="28" fill="{colour}"/>'
            )
        x += length
        y = 62 + index * 22
        percent = _number(Decimal(share * 100).quantize(Decimal("0.01")))
        body.append(
            f'<rect x="10" y="{y - 11}" width="14" height="14" fill="{colour}"/>'
            f'<text x="32" y="{y}" fill="{TEXT}">{escape(label)}: {count} ({percent} %)</text>'
        )
        words.append(f"{label}: {count} ({percent} %)")
    if not total:
        body.append(f'<rect x="10" y="10" width="{bar_width}" height="28" fill="{LIGHT}"/>')
    return _svg(
        width=width,
        height=62 + len(parts) * 22,
        title=title,
        desc="; ".join(words),
        body=body,
        ident=ident,
    )
