package remote

import "encoding/json"

// Codec turns a task's input and output into bytes and back. The client and
// the workers must use the same codec (WithCodec on both sides). A Codec must
// be safe for concurrent use.
type Codec interface {
	Marshal(v any) ([]byte, error)
	Unmarshal(data []byte, v any) error
}

// JSON is the default Codec: encoding/json. Only exported fields of structs
// travel, as encoding/json always does.
type JSON struct{}

// Marshal encodes v with json.Marshal.
func (JSON) Marshal(v any) ([]byte, error) { return json.Marshal(v) }

// Unmarshal decodes data into v with json.Unmarshal.
func (JSON) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
