"""Layer 7, tables in files: read the 绩效目标表, 自评表 and 监控表 people keep in Excel, WPS, Word,
HTML and PDF into ruleset text and facts with a review list, and write sheets back as .xlsx;
imports `perfrules.api` and everything below it.

The readers (python-calamine, openpyxl, python-docx, pdfplumber) come with the `tables` extra and
are imported only by the modules that need them, when a file of their kind is read.
"""
