"""Moving events between PCs: the USB export, acknowledgements, imports of other counters'
packages, upstream, and the keys that sign and seal them."""
