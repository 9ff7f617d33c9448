// Command flags3 is the book's flags3_asyncio.py on tulip: flags2 with a
// second request per flag, for its metadata.json (under the same
// semaphore), and the flag saved under the country's name:
// downloaded/Brazil.gif, downloaded/United_Kingdom.gif. Unlike the book's
// script, each flag's error is counted for that flag only.
//
//	flags3 [-h] [-a] [-e] [-l N] [-m CONCURRENT] [-s LABEL] [-v]
//	       [-u URL] [--strategy NAME] [-t TIMEOUT] [CC ...]
package main

import "github.com/tulipgo/tulip/examples/flags/download"

func main() { command.Exec() }

// command is flags3: image and metadata, saved as downloaded/{Country}.gif.
var command = download.Command{
	Name:     "flags3",
	Strategy: download.Tasks,
	Job:      func(d *download.Downloader) download.Job { return d.FlagWithCountry },
}
