"""The dashboard (F4) and the reports page (F6) with its charts."""
