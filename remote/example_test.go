package remote_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/tulipgo/tulip/remote"
)

// Upper is the function the example's worker serves.
var Upper = remote.NewFunc[string, string]("example.upper")

// A worker and a client on one embedded server; in real use they are
// separate processes, on separate machines, sharing only the NATS URL.
func Example() {
	dir, _ := os.MkdirTemp("", "tulip-remote-example")
	defer os.RemoveAll(dir)
	s, _ := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: dir, NoLog: true, NoSigs: true})
	s.Start()
	defer func() { s.Shutdown(); s.WaitForShutdown() }()
	s.ReadyForConnections(5 * time.Second)
	nc, err := nats.Connect(s.ClientURL())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer nc.Close()

	// The worker side.
	reg := remote.NewRegistry()
	remote.Register(reg, Upper, func(_ context.Context, s string) (string, error) {
		return strings.ToUpper(s), nil
	})
	w, err := remote.NewWorker(nc, reg)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.Run(ctx) }()
	defer func() { stop(); <-done }()

	// The client side.
	c, err := remote.NewClient(nc)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	v, err := remote.Submit(ctx, c, Upper, "hello, remote").Result(ctx)
	fmt.Println(v, err)

	_, err = remote.Submit(ctx, c, remote.NewFunc[int, int]("nobody.serves.this"), 1).Result(ctx)
	fmt.Println(errors.Is(err, remote.ErrUnknownFunc))
	// Output:
	// HELLO, REMOTE <nil>
	// true
}
