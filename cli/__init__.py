"""The headless command line: the same library and core code as the window."""
