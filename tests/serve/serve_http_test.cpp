// serve_http_test.cpp: cli/serve_http.cpp on hostile bytes, without sockets: every limit of the request
// head, chunked bodies split anywhere, compressed bodies that grow past the limit, the bearer token.
#include "cli/serve_http.h"

#include <doctest/doctest.h>
#include <zlib.h>

#include <string>

using namespace carecap::serve::http;
using namespace std::string_literals;

namespace {

HttpLimits small_limits() {
    HttpLimits limits;
    limits.request_line = 64;
    limits.head = 256;
    limits.fields = 4;
    limits.body = 100;
    return limits;
}

int status_of(std::string_view bytes, const HttpLimits& limits = small_limits()) {
    HeadResult r = read_head(bytes, limits);
    return r.state == HeadResult::failed ? r.failure.status : r.state == HeadResult::complete ? 0 : -1;
}

std::string gzip_of(const std::string& text) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK); // 16: a gzip header
    std::string out(deflateBound(&z, text.size()) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

} // namespace

TEST_CASE("serve http: a head is read whole, or waited for, within its limits") {
    HeadResult r = read_head("POST /v1/evaluate?rules=cap HTTP/1.1\r\nContent-Length: 12\r\n\r\n{...}", small_limits());
    REQUIRE(r.state == HeadResult::complete);
    CHECK(r.head.method == "POST");
    CHECK(r.head.path == "/v1/evaluate");
    CHECK(r.head.query == "rules=cap");
    CHECK(r.head.content_length == 12u);
    CHECK(r.consumed == 60); // 38 + 20 + 2 bytes: the request line, the field, the blank line
    CHECK(status_of("GET /healthz HTTP/1.1\r\nHost: x\r\n") == -1); // no blank line yet: wait
    CHECK(status_of("GET /healt%68z HTTP/1.1\r\n\r\n") == 0);
    CHECK(read_head("GET /healt%68z HTTP/1.1\r\n\r\n", small_limits()).head.path == "/healthz");
}

TEST_CASE("serve http: each limit of the head has its status") {
    // 65 bytes of request line against a limit of 64: 414, even before the line has ended.
    CHECK(status_of("GET /" + std::string(60, 'a')) == 414);
    CHECK(status_of("GET /" + std::string(50, 'a') + " HTTP/1.1\r\n\r\n") == 0);   // 5 + 50 + 9 = 64 bytes: at the limit
    CHECK(status_of("GET /" + std::string(51, 'a') + " HTTP/1.1\r\n\r\n") == 414); // 65 bytes
    // Header fields past 256 bytes in all, with no end in sight: 431 (the client sent 150 MB).
    CHECK(status_of("GET / HTTP/1.1\r\nX: " + std::string(300, 'a')) == 431);
    // Five fields against a limit of four: 431; four are fine.
    CHECK(status_of("GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\n\r\n") == 431);
    CHECK(status_of("GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\n\r\n") == 0);
}

TEST_CASE("serve http: lengths and framings that cannot be trusted are refused at once") {
    CHECK(status_of("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n") == 400);
    CHECK(status_of("POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n") == 400);
    CHECK(status_of("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n") == 400); // 20 digits
    CHECK(status_of("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n") == 413); // the body limit is 100
    CHECK(status_of("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n") == 0);
    CHECK(status_of("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n") == 400);
    CHECK(status_of("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
    CHECK(status_of("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") == 501);
    CHECK(status_of("POST / HTTP/1.1\r\nContent-Encoding: zstd\r\n\r\n") == 415);
    CHECK(status_of("GET / HTTP/2.0\r\n\r\n") == 505);
    CHECK(status_of("GET http://example.org/ HTTP/1.1\r\n\r\n") == 400);
    CHECK(status_of("GET / HTTP/1.1\r\n folded: no\r\n\r\n") == 400);
    CHECK(status_of("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n"s) == 400); // a NUL in a field's value
}

TEST_CASE("serve http: a chunked body, split anywhere, within the body limit") {
    std::string wire = "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
    for (std::size_t split = 0; split <= wire.size(); ++split) {
        HttpLimits limits = small_limits();
        ChunkedReader reader(limits);
        std::string body;
        std::size_t used = reader.feed(std::string_view(wire).substr(0, split), body);
        std::string rest = wire.substr(0, split).substr(used) + wire.substr(split);
        used = reader.feed(rest, body);
        CHECK(reader.done());
        CHECK(body == "hello world");
        CHECK(rest.substr(used) == "NEXT"); // the next request is left alone
    }
    HttpLimits limits = small_limits();
    ChunkedReader over(limits);
    std::string body;
    over.feed("65\r\n" + std::string(101, 'x'), body); // 0x65 = 101 bytes, one past the limit
    REQUIRE(over.failure());
    CHECK(over.failure()->status == 413);
    ChunkedReader bad(limits);
    bad.feed("zz\r\n", body);
    REQUIRE(bad.failure());
    CHECK(bad.failure()->status == 400);
}

TEST_CASE("serve http: a compressed body is bounded after decompression") {
    std::string small = gzip_of(std::string(100, 'a'));
    CHECK(!decode_body(Encoding::gzip, small, 100));
    CHECK(small == std::string(100, 'a'));
    // A megabyte of one letter compresses to about a kilobyte: refused once past the limit, not inflated.
    std::string bomb = gzip_of(std::string(1 << 20, 'a'));
    auto failure = decode_body(Encoding::gzip, bomb, 100);
    REQUIRE(failure);
    CHECK(failure->status == 413);
    std::string truncated = gzip_of("hello").substr(0, 10);
    failure = decode_body(Encoding::gzip, truncated, 100);
    REQUIRE(failure);
    CHECK(failure->status == 400);
    std::string junk = "not brotli at all";
    CHECK(decode_body(Encoding::brotli, junk, 100));
}

TEST_CASE("serve http: the bearer token and the shape of an answer") {
    std::string right = "Bearer 0123456789abcdef", wrong = "Bearer 0123456789abcdeF", basic = "Basic 0123456789abcdef";
    CHECK(bearer_matches(&right, "0123456789abcdef"));
    CHECK(!bearer_matches(&wrong, "0123456789abcdef"));
    CHECK(!bearer_matches(&basic, "0123456789abcdef"));
    CHECK(!bearer_matches(nullptr, "0123456789abcdef"));
    std::string shorter = "Bearer 0123456789abcde";
    CHECK(!bearer_matches(&shorter, "0123456789abcdef"));

    carecap::serve::Response r{200, "application/json", "{}\n", {}};
    CHECK(format_response(r, false, true) ==
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\n{}\n");
    // HEAD: the length the body would have, without it.
    CHECK(format_response(r, true, false) ==
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3\r\nConnection: close\r\n\r\n");
}
