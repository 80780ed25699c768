"""Period statistics, the tracking book, closing sheets, satisfaction and the leader's dashboard."""
