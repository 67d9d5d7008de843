"""Academic sources: the parts of the arXiv, Stack Exchange, Gutenberg and Wikipedia readers that
are more than reading a file.

For arXiv: ``safe_tar`` opens an e-print (gzip'd file, gzip'd tar or tar) in memory without ever
writing a member to disk; ``latex_source`` picks the main file and inlines ``\\input``;
``latex_text.latex_to_text`` turns LaTeX into prose with readable math (``latex_macros``,
``latex_convert``, ``latex_commands``, ``latex_envs``, ``latex_math``, ``latex_bib`` do the parts).
Nothing is imported here, so using one source's helpers never loads another's.
"""
