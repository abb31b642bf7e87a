// lsp_protocol.cpp: framing, positions and URIs for `carecap lsp` (lsp_protocol.h).
#include "cli/lsp_protocol.h"

#include "cli/percent_decode.h"

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <filesystem>

namespace carecap::lsp {

namespace {

// The header block's end: the blank line after the last header.
constexpr std::string_view header_end = "\r\n\r\n";

// The value of `Content-Length` in a header block, or nothing (then `why` says what is wrong). Header names
// are case-insensitive; other headers (Content-Type) are allowed and ignored.
std::optional<std::size_t> content_length(std::string_view headers, std::string& why) {
    std::optional<std::size_t> length;
    while (!headers.empty()) {
        auto eol = headers.find("\r\n");
        std::string_view line = headers.substr(0, eol);
        headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
        auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            why = "a header line without a colon: \"" + std::string(line.substr(0, 80)) + "\"";
            return std::nullopt;
        }
        std::string name;
        for (char c : line.substr(0, colon)) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name != "content-length") continue;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
        std::size_t n = 0;
        bool digits = !value.empty();
        for (char c : value) {
            if (c < '0' || c > '9') digits = false;
            else if (n <= max_body_bytes) n = n * 10 + static_cast<std::size_t>(c - '0'); // stops before overflow
        }
        if (!digits) {
            why = "Content-Length is not a number: \"" + std::string(value.substr(0, 40)) + "\"";
            return std::nullopt;
        }
        if (n > max_body_bytes) {
            why = "Content-Length " + std::string(value.substr(0, 40)) + " is over the limit of " + std::to_string(max_body_bytes) +
                  " bytes";
            return std::nullopt;
        }
        length = n;
    }
    if (!length) why = "no Content-Length header";
    return length;
}

// UTF-16 code units of the character whose UTF-8 encoding starts with byte `b`; 0 for a continuation byte.
std::uint32_t utf16_units(unsigned char b) {
    if ((b & 0xC0) == 0x80) return 0;
    return b >= 0xF0 ? 2 : 1;
}

} // namespace

bool LspFrameReader::fill() {
    if (ended_) return false;
    char chunk[1 << 16];
    for (;;) {
        ssize_t got = ::read(fd_, chunk, sizeof chunk);
        if (got > 0) {
            buffer_.append(chunk, static_cast<std::size_t>(got));
            return true;
        }
        if (got < 0 && errno == EINTR) continue;
        ended_ = true;
        return false;
    }
}

LspFrame LspFrameReader::next() {
    std::size_t end;
    while ((end = buffer_.find(header_end)) == std::string::npos) {
        // A header block longer than any real one is garbage: drop it rather than hold it all.
        if (buffer_.size() > 64 * 1024) {
            buffer_.erase(0, buffer_.size() - 3); // keep what may be the start of "\r\n\r\n"
            return {LspFrame::Status::bad_header, {}, "a header block of over 64 KiB without its blank line"};
        }
        if (!fill()) return {};
    }
    std::string why;
    auto length = content_length(std::string_view(buffer_).substr(0, end), why);
    buffer_.erase(0, end + header_end.size());
    if (!length) return {LspFrame::Status::bad_header, {}, why};
    while (buffer_.size() < *length)
        if (!fill()) return {};
    LspFrame frame{LspFrame::Status::body, buffer_.substr(0, *length), {}};
    buffer_.erase(0, *length);
    return frame;
}

std::string frame(const json& message) {
    // Invalid UTF-8 in a string (from a rule file's text) is replaced, never a throw.
    std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

json response(const json& id, json result) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json error_response(const json& id, int code, const std::string& message) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

json notification(const std::string& method, json params) {
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

json position_at(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::uint32_t line = 0, character = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            character = 0;
        } else {
            character += utf16_units(static_cast<unsigned char>(text[i]));
        }
    }
    return {{"line", line}, {"character", character}};
}

json range_of(const Span& span) {
    if (!span.valid()) {
        json start = {{"line", 0}, {"character", 0}};
        return {{"start", start}, {"end", start}};
    }
    std::string_view text = span.file->text;
    return {{"start", position_at(text, span.begin)}, {"end", position_at(text, std::max(span.begin, span.end))}};
}

std::size_t offset_at(std::string_view text, std::uint32_t line, std::uint32_t character) {
    std::size_t i = 0;
    for (std::uint32_t l = 0; l < line; ++l) {
        auto nl = text.find('\n', i);
        if (nl == std::string_view::npos) return text.size();
        i = nl + 1;
    }
    std::uint32_t units = 0;
    while (i < text.size() && text[i] != '\n' && text[i] != '\r') {
        std::uint32_t u = utf16_units(static_cast<unsigned char>(text[i]));
        if (u > 0 && units + u > character) break;
        units += u;
        ++i;
    }
    return i;
}

std::optional<std::string> path_of_uri(std::string_view uri) {
    constexpr std::string_view scheme = "file://";
    if (uri.substr(0, scheme.size()) != scheme) return std::nullopt;
    uri.remove_prefix(scheme.size());
    // file://host/path: only the local host (empty or "localhost") names a path here.
    if (uri.substr(0, 9) == "localhost") uri.remove_prefix(9);
    if (uri.empty() || uri.front() != '/') return std::nullopt;
    return serve::percent_decode(uri, serve::PlusMeans::plus);
}

std::string uri_of_path(const std::string& path) {
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    std::string p = ec ? path : absolute.lexically_normal().string();
    std::string out = "file://";
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char c : p) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace carecap::lsp
