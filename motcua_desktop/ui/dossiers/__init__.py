"""The counter pages: reception (F1), dossiers and their detail (F2), the return (F3)."""
