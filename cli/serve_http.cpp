// serve_http.cpp: reading HTTP/1.1 requests within bounds (cli/serve_http.h, docs/serve.md "Limits").
#include "cli/serve_http.h"
#include "cli/percent_decode.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace carecap::serve::http {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// RFC 9110 5.6.2: the characters of a method or a field name.
bool is_token(std::string_view text) {
    static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || extra.find(c) != std::string_view::npos;
    });
}

// A field value may hold anything visible, spaces and tabs, and bytes past ASCII; no other control byte.
bool is_field_value(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t') || u == 0x7f;
    });
}

// The lines of a head, each without its line ending (CRLF, or a bare LF as some clients send).
std::vector<std::string_view> split_lines(std::string_view head) {
    std::vector<std::string_view> lines;
    while (!head.empty()) {
        std::size_t end = head.find('\n');
        std::string_view line = head.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        head = end == std::string_view::npos ? std::string_view{} : head.substr(end + 1);
    }
    return lines;
}

std::optional<Failure> parse_request_line(std::string_view line, Head& head) {
    std::size_t first = line.find(' '), second = line.rfind(' ');
    if (first == std::string_view::npos || first == second)
        return Failure{400, "the request line is not METHOD TARGET HTTP/1.1"};
    std::string_view method = line.substr(0, first), target = line.substr(first + 1, second - first - 1),
                     version = line.substr(second + 1);
    if (!is_token(method)) return Failure{400, "the request's method is not a method"};
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return Failure{505, "only HTTP/1.1 and HTTP/1.0 are served, not " + std::string(version.substr(0, 16))};
    if (target.empty() || target.front() != '/' ||
        std::any_of(target.begin(), target.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20; }))
        return Failure{400, "the request's target must be a path beginning with '/'"};
    std::size_t question = target.find('?');
    auto path = percent_decode(target.substr(0, question));
    if (!path) return Failure{400, "the request's path is not valid: '%' must be followed by two hex digits"};
    head.method = method;
    head.path = std::move(*path);
    head.query = question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    head.http10 = version == "HTTP/1.0";
    head.keep_alive = !head.http10;
    return std::nullopt;
}

std::optional<Failure> parse_field(std::string_view line, Head& head) {
    if (line.front() == ' ' || line.front() == '\t')
        return Failure{400, "a header field is folded over two lines (obsolete in HTTP/1.1)"};
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
        return Failure{400, "a header field is not NAME: VALUE"};
    std::string_view value = trim(line.substr(colon + 1));
    if (!is_field_value(value)) return Failure{400, "a header field's value holds a control character"};
    head.fields.emplace_back(lower(line.substr(0, colon)), std::string(value));
    return std::nullopt;
}

std::optional<Failure> read_length(Head& head, const HttpLimits& limits) {
    for (const auto& [name, value] : head.fields) {
        if (name != "content-length") continue;
        // Digits only: "-5", "+5", " 5 5" and "0x10" are not lengths. 19 digits fit in 64 bits.
        if (value.empty() || value.size() > 19 ||
            !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return Failure{400, "Content-Length is not a number of bytes"};
        std::uint64_t length = std::stoull(value);
        if (head.content_length && *head.content_length != length)
            return Failure{400, "two Content-Length fields disagree"};
        head.content_length = length;
    }
    if (head.content_length && *head.content_length > limits.body)
        return Failure{413, "the request body is larger than the limit of " + std::to_string(limits.body) +
                                " bytes (--max-body)"};
    return std::nullopt;
}

// What the fields say about the body and the connection.
std::optional<Failure> read_framing(Head& head, const HttpLimits& limits) {
    if (const std::string* te = head.field("transfer-encoding")) {
        if (lower(*te) != "chunked") return Failure{501, "the only transfer coding served is chunked"};
        if (head.field("content-length")) return Failure{400, "both Content-Length and Transfer-Encoding are given"};
        if (head.http10) return Failure{400, "HTTP/1.0 has no chunked transfer coding"};
        head.chunked = true;
    }
    if (auto bad = read_length(head, limits)) return bad;
    if (const std::string* ce = head.field("content-encoding")) {
        std::string coding = lower(*ce);
        if (coding == "gzip" || coding == "x-gzip") head.encoding = Encoding::gzip;
        else if (coding == "deflate") head.encoding = Encoding::deflate;
        else if (coding == "br") head.encoding = Encoding::brotli;
        else if (coding != "identity")
            return Failure{415, "the body's Content-Encoding must be gzip, deflate, br or identity"};
    }
    if (const std::string* connection = head.field("connection")) {
        std::string tokens = lower(*connection);
        if (tokens.find("close") != std::string::npos) head.keep_alive = false;
        else if (tokens.find("keep-alive") != std::string::npos) head.keep_alive = true;
    }
    if (const std::string* expect = head.field("expect")) {
        if (lower(*expect) != "100-continue") return Failure{417, "the only expectation served is 100-continue"};
        head.expect_continue = !head.http10;
    }
    return std::nullopt;
}

Failure too_large_head(const HttpLimits& limits) {
    return Failure{431, "the request's header fields are larger than the limit of " + std::to_string(limits.head) +
                            " bytes, or more than " + std::to_string(limits.fields) + " fields"};
}

} // namespace

const std::string* Head::field(std::string_view name) const {
    for (const auto& [n, value] : fields)
        if (n == name) return &value;
    return nullptr;
}

HeadResult read_head(std::string_view bytes, const HttpLimits& limits) {
    HeadResult result;
    // Blank lines before a request are allowed (RFC 9112 2.2), but no more of them than a head could hold.
    std::size_t start = bytes.find_first_not_of("\r\n");
    if (start == std::string_view::npos) start = bytes.size();
    std::size_t line_end = bytes.find('\n', start);
    std::size_t line_length = (line_end == std::string_view::npos ? bytes.size() : line_end) - start;
    if (line_end != std::string_view::npos && line_end > start && bytes[line_end - 1] == '\r') --line_length;
    if (line_length > limits.request_line) {
        result.state = HeadResult::failed;
        result.failure = {414, "the request line is longer than the limit of " + std::to_string(limits.request_line) +
                                   " bytes"};
        return result;
    }
    std::size_t end = bytes.find("\n\r\n", start), end_lf = bytes.find("\n\n", start);
    std::size_t blank = std::min(end == std::string_view::npos ? end : end + 3,
                                 end_lf == std::string_view::npos ? end_lf : end_lf + 2);
    if (blank == std::string_view::npos || blank > limits.head) {
        if (bytes.size() > limits.head) {
            result.state = HeadResult::failed;
            result.failure = too_large_head(limits);
        }
        return result;
    }
    result.state = HeadResult::failed;
    std::vector<std::string_view> lines = split_lines(bytes.substr(start, blank - start));
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    if (lines.empty() || lines.size() - 1 > limits.fields) {
        result.failure = lines.empty() ? Failure{400, "no request line"} : too_large_head(limits);
        return result;
    }
    std::optional<Failure> bad = parse_request_line(lines[0], result.head);
    for (std::size_t i = 1; i < lines.size() && !bad; ++i) bad = parse_field(lines[i], result.head);
    if (!bad) bad = read_framing(result.head, limits);
    if (bad) {
        result.failure = std::move(*bad);
        return result;
    }
    result.state = HeadResult::complete;
    result.consumed = blank;
    return result;
}

// Chunked transfer coding (RFC 9112 7.1): "SIZE[;ext]CRLF DATA CRLF" ... "0CRLF [trailer fields] CRLF".

void ChunkedReader::fail(int status, std::string message) {
    failure_ = Failure{status, std::move(message)};
}

// A whole line, from what was kept of it and `bytes`; false while its end has not come. A size line may
// carry extensions, but not without end: 1 KiB is far more than any client writes.
bool ChunkedReader::take_line(std::string_view bytes, std::size_t& used, std::string_view& line) {
    constexpr std::size_t longest_line = 1024;
    std::size_t newline = bytes.find('\n', used);
    std::size_t until = newline == std::string_view::npos ? bytes.size() : newline + 1;
    line_.append(bytes.substr(used, until - used));
    used = until;
    if (line_.size() > longest_line + 2) {
        fail(400, "a line of the chunked body is longer than " + std::to_string(longest_line) + " bytes");
        return false;
    }
    if (newline == std::string_view::npos) return false;
    line = line_;
    line.remove_suffix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return true;
}

bool ChunkedReader::size_line(std::string_view line) {
    std::string_view digits = trim(line.substr(0, line.find(';')));
    if (digits.empty() || digits.size() > 15 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return hex_value(c) >= 0; })) {
        fail(400, "a chunk's size is not a hexadecimal number");
        return false;
    }
    left_ = std::stoull(std::string(digits), nullptr, 16);
    stage_ = left_ == 0 ? Stage::trailer : Stage::data;
    return true;
}

std::size_t ChunkedReader::feed(std::string_view bytes, std::string& body) {
    std::size_t used = 0;
    while (used < bytes.size() && stage_ != Stage::done && !failure_) {
        if (stage_ == Stage::data) {
            std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(left_, bytes.size() - used));
            if (take > limits_.body - body.size()) {
                fail(413, "the request body is larger than the limit of " + std::to_string(limits_.body) +
                              " bytes (--max-body)");
                break;
            }
            body.append(bytes.substr(used, take));
            used += take;
            left_ -= take;
            if (left_ == 0) stage_ = Stage::data_end;
            continue;
        }
        std::string_view line;
        if (!take_line(bytes, used, line)) break;
        if (stage_ == Stage::size) {
            size_line(line);
        } else if (stage_ == Stage::data_end) {
            if (!line.empty()) fail(400, "a chunk is longer than its size says");
            stage_ = Stage::size;
        } else if (line.empty()) {
            stage_ = Stage::done; // the blank line after the trailer fields, if any
        } else if ((trailer_ += line.size()) > limits_.head) {
            fail(431, "the chunked body's trailer fields are larger than " + std::to_string(limits_.head) + " bytes");
        }
        line_.clear();
    }
    return used;
}

namespace {

Failure too_large_decoded(std::size_t limit) {
    return Failure{413, "the request body, decompressed, is larger than the limit of " + std::to_string(limit) +
                            " bytes (--max-body)"};
}

std::optional<Failure> inflate_body(std::string& body, std::size_t limit) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK) return Failure{500, "internal error: zlib"}; // 32: gzip or zlib header
    std::string out;
    z.next_in = reinterpret_cast<Bytef*>(body.data());
    z.avail_in = static_cast<uInt>(body.size());
    char buffer[16384];
    int status = Z_OK;
    while (status == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        status = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - z.avail_out);
        if (out.size() > limit) break;
        if (status == Z_BUF_ERROR && z.avail_in == 0) break; // the input ended before the stream did
    }
    inflateEnd(&z);
    if (out.size() > limit) return too_large_decoded(limit);
    if (status != Z_STREAM_END) return Failure{400, "the compressed body does not decompress"};
    body = std::move(out);
    return std::nullopt;
}

std::optional<Failure> unbrotli_body(std::string& body, std::size_t limit) {
    BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (state == nullptr) return Failure{500, "internal error: brotli"};
    std::string out;
    auto next_in = reinterpret_cast<const std::uint8_t*>(body.data());
    std::size_t available_in = body.size();
    BrotliDecoderResult result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT && out.size() <= limit) {
        std::uint8_t buffer[16384];
        std::uint8_t* next_out = buffer;
        std::size_t available_out = sizeof buffer;
        result = BrotliDecoderDecompressStream(state, &available_in, &next_in, &available_out, &next_out, nullptr);
        out.append(reinterpret_cast<const char*>(buffer), sizeof buffer - available_out);
    }
    BrotliDecoderDestroyInstance(state);
    if (out.size() > limit) return too_large_decoded(limit);
    if (result != BROTLI_DECODER_RESULT_SUCCESS) return Failure{400, "the compressed body does not decompress"};
    body = std::move(out);
    return std::nullopt;
}

} // namespace

std::optional<Failure> decode_body(Encoding encoding, std::string& body, std::size_t limit) {
    if (encoding == Encoding::identity || body.empty()) return std::nullopt;
    if (encoding == Encoding::brotli) return unbrotli_body(body, limit);
    return inflate_body(body, limit);
}

bool bearer_matches(const std::string* authorization, std::string_view token) {
    if (authorization == nullptr || authorization->size() < 7 || lower(authorization->substr(0, 7)) != "bearer ")
        return false;
    std::string_view given = trim(std::string_view(*authorization).substr(7));
    // Every byte of the longer is looked at whatever differs, so the time taken tells nothing of the token.
    unsigned char differ = given.size() == token.size() ? 0 : 1;
    for (std::size_t i = 0; i < std::max(given.size(), token.size()); ++i)
        differ |= static_cast<unsigned char>((i < given.size() ? given[i] : 0) ^ (i < token.size() ? token[i] : 0));
    return differ == 0;
}

std::string format_response(const Response& answer, bool head_only, bool keep_alive) {
    std::string out = "HTTP/1.1 " + std::to_string(answer.status) + " " + std::string(status_text(answer.status)) + "\r\n";
    bool has_body = answer.status >= 200 && answer.status != 204 && answer.status != 304;
    if (!answer.content_type.empty()) out += "Content-Type: " + answer.content_type + "\r\n";
    if (has_body) out += "Content-Length: " + std::to_string(answer.body.size()) + "\r\n";
    out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto& [name, value] : answer.headers) out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (has_body && !head_only) out += answer.body;
    return out;
}

std::string format_stream_head(const Response& head, bool chunked) {
    std::string out = "HTTP/1.1 " + std::to_string(head.status) + " " + std::string(status_text(head.status)) + "\r\n";
    out += "Content-Type: " + head.content_type + "\r\n";
    out += chunked ? "Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto& [name, value] : head.headers) out += name + ": " + value + "\r\n";
    out += "\r\n";
    return out;
}

std::string chunk(std::string_view piece) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string size;
    for (std::size_t n = piece.size(); n > 0; n /= 16) size.insert(size.begin(), digits[n % 16]);
    return size + "\r\n" + std::string(piece) + "\r\n";
}

} // namespace carecap::serve::http
