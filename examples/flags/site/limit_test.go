package site

import (
	"context"
	"net"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/require"
)

func TestLimitListener(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		pipe := NewPipeListener()
		l := LimitListener(pipe, 2)
		accepted := make(chan net.Conn, 3)
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					close(accepted)
					return
				}
				accepted <- c
			}
		}()
		var clients []net.Conn
		for range 2 {
			c, err := pipe.DialContext(context.Background(), "", "")
			require.NoError(t, err)
			clients = append(clients, c)
		}
		first, second := <-accepted, <-accepted

		// A third client waits: Accept is blocked on the limit.
		dialed := make(chan net.Conn, 1)
		go func() {
			c, err := pipe.DialContext(context.Background(), "", "")
			require.NoError(t, err)
			dialed <- c
		}()
		synctest.Wait()
		require.Empty(t, dialed)

		require.NoError(t, first.Close())
		require.NoError(t, first.Close(), "a second close gives nothing back")
		third := <-accepted
		clients = append(clients, <-dialed)
		synctest.Wait()
		require.Empty(t, accepted)

		require.NoError(t, l.Close())
		_, open := <-accepted
		require.False(t, open, "Close ends a waiting Accept")
		for _, c := range append(clients, second, third) {
			c.Close()
		}
	})
}
