// Command flags2 is the book's flags2 downloader (Fluent Python, 2nd
// edition, 20-executors/getflags and 21-async/flags2_asyncio.py) on tulip:
// it downloads flags concurrently, with a progress bar, counts each flag as
// OK, not found or error, and prints the book's summary.
//
//	flags2 [-h] [-a] [-e] [-l N] [-m CONCURRENT] [-s LABEL] [-v]
//	       [-u URL] [--strategy NAME] [-t TIMEOUT] [CC ...]
//
// The default strategy, tasks, is the book's asyncio version: one task per
// flag (future.Go), requests bounded by a semaphore.Semaphore, results taken
// in completion order (ascompleted.Of); --strategy executor is the
// thread-pool version and sequential the first one. -s LOCAL (the default),
// DELAY and ERROR serve the book's test sites in-process, so it needs no
// network; flags are saved in ./downloaded.
package main

import "github.com/tulipgo/tulip/examples/flags/download"

func main() { command.Exec() }

// command is flags2: the flag image only, saved as downloaded/{CC}.gif.
var command = download.Command{
	Name:     "flags2",
	Strategy: download.Tasks,
	Job:      func(d *download.Downloader) download.Job { return d.Flag },
}
