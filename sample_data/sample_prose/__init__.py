"""Original prose for the curation project's sample inputs (see ../make_sample_data.py).

Every text here was written for this project. Article bodies use a tiny markup:
blocks separated by blank lines; a block starting with "## " is a sub-heading, a
block whose lines all start with "- " is a bullet list, anything else is a
paragraph whose lines are joined with a space (no joiner for zh/ja).
"""
