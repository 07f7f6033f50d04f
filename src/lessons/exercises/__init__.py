"""The checked exercises of the course, one module per chapter.

Each module defines ``EXERCISES``, a tuple of :class:`lessons.check.Exercise`,
each with the ``unit`` of its answer (shares are decimals: 0.534, never 53.4)
and, where the question states one, its precision (``decimals``).
:func:`lessons.check.check` finds them all; ``tests/test_check_registry.py``
verifies that every expected answer is accepted in any reasonable form and
that wrong answers are rejected, and ``tests/test_check_notebooks.py`` that the
notebooks run each exercise's exact call and state the precision it checks.
"""
