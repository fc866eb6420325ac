"""Excel exchange with county offices: export workbooks, import workbooks and county rosters.

``export.export_workbook`` writes the exchange workbook; ``importer.read_file`` reads and validates any
supported file without writing; ``importer.import_files`` applies what was read in one transaction.
"""
