// lsp_protocol.h: the wire of `carecap lsp` (docs/lsp.md): Content-Length framed JSON-RPC messages on a
// stream, the protocol's positions (0-based lines, UTF-16 code units) against a rule file's byte offsets, and
// file URIs against paths.
#pragma once

#include "lang/source.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace carecap::lsp {

using json = nlohmann::json;

// JSON-RPC's and the protocol's error codes.
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_failed = -32803;

// The largest message body accepted: a rule file may be at most 64 MiB (lang/limits.h), and a message
// carrying one is a little larger.
inline constexpr std::size_t max_body_bytes = std::size_t{80} << 20;

// One framed message read from a file descriptor: its body, or why the frame was refused.
struct LspFrame {
    enum class Status { body, bad_header, end };
    Status status = Status::end;
    std::string body;   // Status::body
    std::string error;  // Status::bad_header: what was wrong, for the log
};

// Reads frames from a file descriptor (standard input), buffering what it has read past a frame.
class LspFrameReader {
public:
    explicit LspFrameReader(int fd) : fd_(fd) {}
    // The next frame. A header without a usable Content-Length is refused (its header block is skipped);
    // Status::end at the end of the input, also in the middle of a frame.
    LspFrame next();

private:
    bool fill(); // reads more into buffer_; false at the end of the input
    int fd_;
    std::string buffer_;
    bool ended_ = false;
};

// The frame of one message: "Content-Length: N\r\n\r\n" then the body.
std::string frame(const json& message);

// A response to request `id` with `result`, or an error with `code` and `message`.
json response(const json& id, json result);
json error_response(const json& id, int code, const std::string& message);
json notification(const std::string& method, json params);

// {"line": L, "character": C} for byte offset `offset` of `text` (clamped to the text).
json position_at(std::string_view text, std::size_t offset);
// {"start": ..., "end": ...} for a span; a span with no valid place is the file's first character.
json range_of(const Span& span);
// The byte offset of an LSP position in `text`; a position past a line's end is that line's end, one
// past the last line the text's end.
std::size_t offset_at(std::string_view text, std::uint32_t line, std::uint32_t character);

// "file:///a/b%20c.rules" -> "/a/b c.rules"; nothing for a URI of another scheme or a bad escape.
std::optional<std::string> path_of_uri(std::string_view uri);
// "/a/b c.rules" -> "file:///a/b%20c.rules" (a relative path is made absolute first).
std::string uri_of_path(const std::string& path);

} // namespace carecap::lsp
