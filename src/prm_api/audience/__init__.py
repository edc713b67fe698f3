"""Audience rules: who among the partners sees an item (assets now, trainings next).

One component shared by every domain that shows content to a selection of partners
(DESIGN §9): the columns a model mixes in (:mod:`.columns`), the API schema
(:mod:`.schemas`), the SQL predicate lists are filtered with and its Python twin that explains a
decision (:mod:`.rules`). This package's ``__init__`` imports nothing: ``models`` imports
:mod:`.columns`, and must not pull in the rest.
"""
