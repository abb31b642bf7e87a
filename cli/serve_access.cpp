// serve_access.cpp: see serve_access.h.
#include "cli/serve_access.h"

#include <algorithm>
#include <ctime>

namespace carecap::serve {
namespace {

const std::string* allowed_origin(const http::Head& head, const std::vector<std::string>& allowed) {
    const std::string* origin = head.field("origin");
    if (origin == nullptr || std::find(allowed.begin(), allowed.end(), *origin) == allowed.end()) return nullptr;
    return origin;
}

// The method as the log may show it: the standard ones; anything else a client sent is "-".
std::string_view loggable_method(std::string_view method) {
    for (std::string_view m : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"})
        if (m == method) return m;
    return "-";
}

} // namespace

bool valid_origin(std::string_view origin, std::string& why) {
    std::string_view rest = origin;
    if (rest.starts_with("https://")) rest.remove_prefix(8);
    else if (rest.starts_with("http://")) rest.remove_prefix(7);
    else {
        why = "\"" + std::string(origin) + "\" is not an origin: it starts with http:// or https://";
        return false;
    }
    bool host_ok = !rest.empty() && std::all_of(rest.begin(), rest.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
               c == ':' || c == '[' || c == ']';
    });
    if (!host_ok) {
        why = "\"" + std::string(origin) +
              "\" is not an origin: a scheme, a host and perhaps a port (https://example.org:8443), with no path";
        return false;
    }
    return true;
}

bool is_cors_preflight(const http::Head& head, const std::vector<std::string>& allowed) {
    return head.method == "OPTIONS" && head.field("access-control-request-method") != nullptr &&
           allowed_origin(head, allowed) != nullptr;
}

void add_cors_headers(std::vector<std::pair<std::string, std::string>>& headers, const http::Head& head,
                      const std::vector<std::string>& allowed) {
    if (allowed.empty()) return;
    // Caches must keep answers to different origins apart, whether or not this one was allowed.
    headers.emplace_back("Vary", "Origin");
    const std::string* origin = allowed_origin(head, allowed);
    if (origin == nullptr) return;
    headers.emplace_back("Access-Control-Allow-Origin", *origin);
    if (!is_cors_preflight(head, allowed)) return;
    std::string methods = route_methods(head.path);
    if (!methods.empty()) headers.emplace_back("Access-Control-Allow-Methods", methods);
    headers.emplace_back("Access-Control-Allow-Headers", "Authorization, Content-Type, Content-Encoding");
    headers.emplace_back("Access-Control-Max-Age", "600");
}

void log_access(std::FILE* file, std::string_view method, std::string_view path, int status, std::uint64_t bytes,
                std::chrono::milliseconds took) {
    if (file == nullptr) return;
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
    std::string logged_method(loggable_method(method));
    std::string logged_path(loggable_path(path));
    std::fprintf(file, "%s %s %s %d %llu %lldms\n", when, logged_method.c_str(), logged_path.c_str(), status,
                 static_cast<unsigned long long>(bytes), static_cast<long long>(took.count()));
    std::fflush(file);
}

} // namespace carecap::serve
