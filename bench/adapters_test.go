package bench

// adapterRows measure each framework bare, then with our middleware on a
// repeated token and on a first-seen one. The difference between a
// framework's bare row and its middleware row is the middleware's whole
// cost, the core's included.
func adapterRows() []row {
	return nil
}
