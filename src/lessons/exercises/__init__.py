"""The checked exercises of the course, one module per chapter.

Each module defines ``EXERCISES``, a tuple of :class:`lessons.check.Exercise`.
:func:`lessons.check.check` finds them all; ``tests/test_check.py`` verifies
that every expected answer is accepted and that wrong answers are rejected.
"""
