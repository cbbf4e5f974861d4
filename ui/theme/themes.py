"""Light, Sepia and Night for the whole window: a Fusion palette per theme, plus the app's own
colours (highlights included), each declared with a value per theme."""

from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette

THEME_NAMES = ("light", "sepia", "night")
THEME_LABELS = {"light": "Light", "sepia": "Sepia", "night": "Night"}
HIGHLIGHT_NAMES = ("yellow", "green", "blue", "red", "purple")


class Theme(NamedTuple):  # a named tuple: cheap to define before the first frame
    name: str
    window: str
    base: str  # the reading surface
    alternate: str
    text: str
    muted: str
    link: str
    selection: str
    selection_text: str
    button: str
    border: str
    highlights: dict[str, str]  # colour name -> #AARRGGBB painted behind text
    swatches: dict[str, str]  # colour name -> opaque colour for chips and menus

    @property
    def dark(self) -> bool:
        return QColor(self.base).lightness() < 128

    def highlight(self, name: str) -> QColor:
        return QColor(self.highlights.get(name, self.highlights["yellow"]))

    def swatch(self, name: str) -> QColor:
        return QColor(self.swatches.get(name, self.swatches["yellow"]))

    def list_frame(self, object_name: str) -> str:
        """The style sheet of a list's frame (only that widget: the rule names it)."""
        return f"#{object_name} {{ border: 1px solid {self.border}; border-radius: 4px; }}"

    def palette(self) -> QPalette:
        p = QPalette()
        role = QPalette.ColorRole
        for r, value in (
            (role.Window, self.window),
            (role.WindowText, self.text),
            (role.Base, self.base),
            (role.AlternateBase, self.alternate),
            (role.Text, self.text),
            (role.Button, self.button),
            (role.ButtonText, self.text),
            (role.ToolTipBase, self.base),
            (role.ToolTipText, self.text),
            (role.PlaceholderText, self.muted),
            (role.Link, self.link),
            (role.LinkVisited, self.link),
            (role.Highlight, self.selection),
            (role.HighlightedText, self.selection_text),
            (role.BrightText, "#ffffff"),
            (role.Mid, self.border),
            (role.Dark, self.border),
            (role.Midlight, self.alternate),
            (role.Light, self.base),
            (role.Shadow, "#000000"),
        ):
            p.setColor(r, QColor(value))
        disabled = QColor(self.muted)
        for r in (role.WindowText, role.Text, role.ButtonText):
            p.setColor(QPalette.ColorGroup.Disabled, r, disabled)
        return p


THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light",
        window="#f3f3f1",
        base="#fdfdfb",
        alternate="#f0f0ec",
        text="#1f2023",
        muted="#6b6e76",
        link="#1f5fae",
        selection="#b9d3f3",
        selection_text="#1f2023",
        button="#ebebe7",
        border="#c9c9c3",
        highlights={
            "yellow": "#a6ffd84d",
            "green": "#8cb4e59a",
            "blue": "#80a9cdf5",
            "red": "#80f5a3a3",
            "purple": "#80d2b4f0",
        },
        swatches={
            "yellow": "#f2c94c",
            "green": "#6fbf73",
            "blue": "#5b9bd5",
            "red": "#e06666",
            "purple": "#a57fd6",
        },
    ),
    "sepia": Theme(
        name="sepia",
        window="#ede3cf",
        base="#f6efdf",
        alternate="#efe5d0",
        text="#4a3b2a",
        muted="#6e5c47",
        link="#7a4b16",
        selection="#dcc9a0",
        selection_text="#3b2e20",
        button="#e6dac0",
        border="#cdbd9c",
        highlights={
            "yellow": "#a6f7cf4a",
            "green": "#8ca8d68f",
            "blue": "#80a7c6e6",
            "red": "#80eb9a8a",
            "purple": "#80ccb0e0",
        },
        swatches={
            "yellow": "#e0b43c",
            "green": "#6aa86d",
            "blue": "#5a8fc0",
            "red": "#cc6a58",
            "purple": "#9a78c4",
        },
    ),
    "night": Theme(
        name="night",
        window="#202226",
        base="#17181b",
        alternate="#26282d",
        text="#d8d9dc",
        muted="#8d9099",
        link="#8ab4f8",
        selection="#3d5a80",
        selection_text="#f2f2f2",
        button="#2c2f34",
        border="#3a3d44",
        highlights={
            "yellow": "#66b8962a",
            "green": "#664f8f53",
            "blue": "#66406e9e",
            "red": "#66a14747",
            "purple": "#66735599",
        },
        swatches={
            "yellow": "#c9a436",
            "green": "#5c9d60",
            "blue": "#5283b8",
            "red": "#c05a5a",
            "purple": "#8d6cbd",
        },
    ),
}


def theme(name: str) -> Theme:
    return THEMES.get(name, THEMES["light"])
