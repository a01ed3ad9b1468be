"""The annual summary as files: the Word document (``docx.summary_docx``) and the year's
records behind it as a workbook (``xlsx.records_xlsx``). Pure functions: data in, bytes out."""
