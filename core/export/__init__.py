"""Export: annotated briefs in Markdown and annotations as W3C Web Annotation JSON.

Qt-free and storage-free: everything here works on plain records that storage builds.
"""
