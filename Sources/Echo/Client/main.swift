// placeholder while the package resolves
