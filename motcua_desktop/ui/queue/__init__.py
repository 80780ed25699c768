"""The "Hàng chờ" page and the waiting room's screen."""
