"""The reading settings popover (the toolbar's Aa, or View ▸ Reading Settings…): typeface
(serif, sans, or any installed family), size, line spacing and column width, applied as they
change and remembered, the way calibre's viewer and KOReader offer them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFontComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSlider,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ui.app.settings import (
    COLUMN_WIDTH,
    COLUMN_WIDTHS,
    DEFAULT_FONT_SIZE,
    FONT_FAMILY,
    FONT_SIZE,
    FONT_SIZES,
    LINE_SPACING,
    LINE_SPACINGS,
    Settings,
)

_CHOICES = (("serif", "Serif (default)"), ("sans", "Sans serif"), ("other", "Another typeface…"))


class ReadingSettings(QFrame):
    """Every control writes its setting at once; the window watches the settings."""

    def __init__(self, *, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingSettings")
        self._settings = settings
        self.kind = QComboBox(self)
        self.kind.setObjectName("readingTypeface")
        for key, label in _CHOICES:
            self.kind.addItem(label, key)
        self.family = QFontComboBox(self)
        self.family.setObjectName("readingFamily")
        self.family.setFontFilters(QFontComboBox.FontFilter.ScalableFonts)
        self.size = QSlider(Qt.Orientation.Horizontal, self)
        self.size.setObjectName("readingSize")
        self.size.setRange(0, len(FONT_SIZES) - 1)
        self.spacing = QSlider(Qt.Orientation.Horizontal, self)
        self.spacing.setObjectName("readingSpacing")
        self.spacing.setRange(LINE_SPACINGS[0] // 10, LINE_SPACINGS[1] // 10)
        self.width_ = QSlider(Qt.Orientation.Horizontal, self)
        self.width_.setObjectName("readingWidth")
        self.width_.setRange(*COLUMN_WIDTHS)
        self.size_label, self.spacing_label, self.width_label = (
            QLabel(self),
            QLabel(self),
            QLabel(self),
        )
        self.reset = QToolButton(self, text="Defaults")
        self.reset.setObjectName("readingDefaults")
        form = QFormLayout(self)
        form.addRow("Typeface", self.kind)
        form.addRow("", self.family)
        for label, slider, value in (
            ("Size", self.size, self.size_label),
            ("Line spacing", self.spacing, self.spacing_label),
            ("Column width", self.width_, self.width_label),
        ):
            row = QHBoxLayout()
            row.addWidget(slider, 1)
            value.setMinimumWidth(64)
            row.addWidget(value)
            form.addRow(label, row)
        form.addRow("", self.reset)
        self.load()
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.family.currentFontChanged.connect(self._on_family_changed)
        self.size.valueChanged.connect(
            lambda i: settings.set(FONT_SIZE, FONT_SIZES[i]) or self._show_values()
        )
        self.spacing.valueChanged.connect(
            lambda v: settings.set(LINE_SPACING, v * 10) or self._show_values()
        )
        self.width_.valueChanged.connect(
            lambda v: settings.set(COLUMN_WIDTH, v) or self._show_values()
        )
        self.reset.clicked.connect(self._on_reset_clicked)

    def load(self) -> None:
        """Show the settings as they are (they may have changed through A+ or the menu)."""
        family = self._settings.get(FONT_FAMILY)
        kind = family if family in ("serif", "sans") else "other"
        for widget in (self.kind, self.family, self.size, self.spacing, self.width_):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.family.setEnabled(kind == "other")
        if kind == "other":
            self.family.setCurrentFont(QFont(family))
        size = self._settings.font_size()
        self.size.setValue(min(range(len(FONT_SIZES)), key=lambda i: abs(FONT_SIZES[i] - size)))
        self.spacing.setValue(self._settings.get(LINE_SPACING) // 10)
        self.width_.setValue(self._settings.get(COLUMN_WIDTH))
        for widget in (self.kind, self.family, self.size, self.spacing, self.width_):
            widget.blockSignals(False)
        self._show_values()

    def _show_values(self) -> None:
        self.size_label.setText(f"{self._settings.font_size()} pt")
        self.spacing_label.setText(f"{self._settings.get(LINE_SPACING) / 100:.1f}×")
        self.width_label.setText(f"{self._settings.get(COLUMN_WIDTH)} chars")

    @Slot(int)
    def _on_kind_changed(self, _index: int) -> None:
        kind = self.kind.currentData()
        self.family.setEnabled(kind == "other")
        self._settings.set(
            FONT_FAMILY, self.family.currentFont().family() if kind == "other" else kind
        )

    @Slot(QFont)
    def _on_family_changed(self, font: QFont) -> None:
        if self.kind.currentData() == "other":
            self._settings.set(FONT_FAMILY, font.family())

    @Slot()
    def _on_reset_clicked(self) -> None:
        for option in (FONT_FAMILY, FONT_SIZE, LINE_SPACING, COLUMN_WIDTH):
            self._settings.set(option, option.default)
        self.load()
        self._settings.set(FONT_SIZE, 0)  # follows the default size, not pinned to 14
        self.size_label.setText(f"{DEFAULT_FONT_SIZE} pt")


def reading_menu(*, settings: Settings, parent: QWidget) -> QMenu:
    """A menu whose only entry is the settings panel: it pops up under the Aa button."""
    menu = QMenu(parent)
    menu.setObjectName("readingSettingsMenu")
    panel = ReadingSettings(settings=settings, parent=menu)
    action = QWidgetAction(menu)
    action.setDefaultWidget(panel)
    menu.addAction(action)
    menu.aboutToShow.connect(panel.load)
    menu.panel = panel  # type: ignore[attr-defined]
    return menu
