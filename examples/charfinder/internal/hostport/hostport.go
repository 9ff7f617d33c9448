// Package hostport reads the book's optional [host] [port] server arguments,
// shared by tcpfinder and webfinder.
package hostport

import (
	"errors"
	"fmt"
	"strconv"
)

// Parse returns the host and port that args name: none (127.0.0.1 and
// defaultPort), a host, or a host and a port (0 to 65535). More arguments,
// or a bad port, are an error for a usage message.
func Parse(args []string, defaultPort string) (host, port string, err error) {
	host, port = "127.0.0.1", defaultPort
	switch len(args) {
	case 2:
		port = args[1]
		fallthrough
	case 1:
		host = args[0]
	case 0:
	default:
		return "", "", errors.New("too many arguments")
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return "", "", fmt.Errorf("bad port %q", port)
	}
	return host, port, nil
}
