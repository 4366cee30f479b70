"""Import of children and legal status from a youth justice case management system (docs/import.md).

`formats`: the columns and codes; `reader`: a CSV file read as a stream, line by line, with the
problems that make a whole file unreadable; `engine`: each row checked (the preview) and applied
through children.services, in one transaction; `storage`: uploaded files kept until confirmed.
"""
