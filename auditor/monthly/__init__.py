"""The monthly owner report: one plain-language report per calendar month.

monthly: the month's audit result --summarise--> MonthSummary (kept in a history
folder) --with earlier months--> MonthlyReport --> html --> pdf, and by e-mail.
`auditor.monthly.run.monthly_reports` is the one entry point the command line and the
web service call.
"""
