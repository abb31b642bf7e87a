// serve_http.h: the HTTP/1.1 of `carecap serve`, read from bytes with a bound on everything a client
// sends: the request line, the header block, the number of header fields, the body however it is framed
// (Content-Length, chunked) and however it is compressed (gzip, deflate, br). No sockets here:
// cli/serve_loop.cpp feeds these functions what arrives, and tests/serve feeds them hostile bytes directly.
#pragma once

#include "cli/serve_handler.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carecap::serve::http {

struct HttpLimits {
    std::size_t request_line = 8 * 1024; // the longest request line ("POST /v1/evaluate?... HTTP/1.1"): else 414
    std::size_t head = 32 * 1024;        // the request line and every header field together: else 431
    std::size_t fields = 100;            // header fields in one request: else 431
    std::size_t body = 128 * 1024;       // the body once unchunked and decompressed (--max-body): else 413
};

// Why a request cannot be served, as the status and the message of its JSON error.
struct Failure {
    int status = 400;
    std::string message;
};

enum class Encoding { identity, gzip, deflate, brotli };

// A request's line and header fields, checked.
struct Head {
    std::string method;
    std::string path;  // percent-decoded, without the query
    std::string query; // what follows '?', still percent-encoded
    bool http10 = false;
    std::vector<std::pair<std::string, std::string>> fields; // names in lower case, values trimmed
    std::optional<std::uint64_t> content_length;
    bool chunked = false;
    Encoding encoding = Encoding::identity;
    bool keep_alive = true;      // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "keep-alive"
    bool expect_continue = false; // "Expect: 100-continue": the client waits for a go-ahead to send the body

    // The value of the first field of that name (lower case), or null.
    const std::string* field(std::string_view name) const;
};

// The outcome of looking for a request's head at the start of `bytes`.
struct HeadResult {
    enum { incomplete, complete, failed } state = incomplete;
    std::size_t consumed = 0; // complete: the bytes of the head, its blank line included
    Head head;
    Failure failure;
};

// Reads the head from the bytes received so far. Incomplete while no blank line has come and no limit is
// passed yet, so a caller may call it again as more arrive (the bytes are never more than limits.head).
HeadResult read_head(std::string_view bytes, const HttpLimits& limits);

// Undoes chunked transfer coding as the bytes arrive, keeping at most limits.body bytes of body.
class ChunkedReader {
public:
    explicit ChunkedReader(const HttpLimits& limits) : limits_(limits) {}
    // Takes what it can of `bytes` (the rest is the next request, or not here yet) and returns how much.
    std::size_t feed(std::string_view bytes, std::string& body);
    bool done() const { return stage_ == Stage::done; }
    const std::optional<Failure>& failure() const { return failure_; }

private:
    enum class Stage { size, data, data_end, trailer, done };
    bool take_line(std::string_view bytes, std::size_t& used, std::string_view& line);
    bool size_line(std::string_view line);
    void fail(int status, std::string message);

    const HttpLimits& limits_;
    Stage stage_ = Stage::size;
    std::uint64_t left_ = 0;    // bytes of the current chunk still to come
    std::size_t trailer_ = 0;   // bytes of trailer fields so far
    std::string line_;          // a size or trailer line split between two reads
    std::optional<Failure> failure_;
};

// Decompresses a body sent with Content-Encoding, keeping at most `limit` bytes of the result.
std::optional<Failure> decode_body(Encoding encoding, std::string& body, std::size_t limit);

// Whether an Authorization field carries the bearer token (compared in constant time).
bool bearer_matches(const std::string* authorization, std::string_view token);

// The bytes of an answer: status line, header fields, body (none for HEAD, 1xx and 204).
std::string format_response(const Response& answer, bool head_only, bool keep_alive);

// The head of a streamed answer (POST /v1/batch): chunked, the body following as chunk()s and ending with
// last_chunk; or, for an HTTP/1.0 client, which knows no chunks, without a length, the body ending when the
// connection closes.
std::string format_stream_head(const Response& head, bool chunked);
// One piece of a chunked body (never empty: an empty chunk is the last).
std::string chunk(std::string_view piece);
inline constexpr std::string_view last_chunk = "0\r\n\r\n";

// "HTTP/1.1 100 Continue", for a client that waits for it before sending the body.
inline constexpr std::string_view continue_response = "HTTP/1.1 100 Continue\r\n\r\n";

} // namespace carecap::serve::http
