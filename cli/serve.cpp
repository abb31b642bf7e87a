// serve.cpp: `carecap serve`, the care account over HTTP on a local port (docs/serve.md). This file is
// the plumbing alone: options, loading the rule sets, cpp-httplib, and stopping on SIGTERM or SIGINT.
// What each request gets is decided by cli/serve_handler.cpp.
#include "carecap/carecap.hpp"
#include "cli/command.h"
#include "cli/serve_handler.h"

#include <httplib.h>

#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <set>
#include <thread>

namespace carecap::cli {
namespace {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::vector<std::string> rules;
    std::string registry;
    std::size_t max_body = 8u << 20; // 8 MiB: a history is a few kilobytes; this bounds what one request can cost
    std::size_t threads = std::max(4u, std::thread::hardware_concurrency());
};

// Idle keep-alive connections hold a worker until this passes, and a stop waits for them: keep it short.
constexpr time_t keep_alive_seconds = 2;
// A client that stops sending (or reading) mid-request is dropped after this.
constexpr time_t io_timeout_seconds = 10;

std::optional<serve::RuleSets> load_rule_sets(const std::vector<std::string>& options, const std::string& registry,
                                              const std::vector<std::string>& roots) {
    serve::RuleSets sets;
    std::set<std::string> names;
    bool failed = false;
    for (const auto& option : options) {
        serve::NamedRules named;
        std::string why;
        if (!serve::split_rules_option(option, named.name, named.file, why)) {
            std::cerr << "carecap serve: error: " << why << "\n";
            return std::nullopt;
        }
        if (!names.insert(named.name).second) {
            std::cerr << "carecap serve: error: two rule sets are named \"" << named.name
                      << "\"; tell them apart with --rules NAME=FILE\n";
            return std::nullopt;
        }
        auto chosen = choose_or_report(named.file, registry, roots);
        if (chosen) {
            named.rules = chosen->rules;
            named.by_authority = chosen->by_authority;
        }
        if (!named.rules) failed = true; // go on, so that every broken file is reported at once
        sets.push_back(std::move(named));
    }
    if (failed) return std::nullopt;
    return sets;
}

void send(const serve::Response& answer, httplib::Response& res) {
    res.status = answer.status;
    for (const auto& [name, value] : answer.headers) res.set_header(name, value);
    if (!answer.body.empty() || !answer.content_type.empty()) res.set_content(answer.body, answer.content_type);
}

serve::Request to_request(const httplib::Request& req, std::string_view body) {
    // req.target is the request line's "/path?query" as sent; httplib has already percent-decoded the path.
    std::string_view target = req.target;
    std::size_t question = target.find('?');
    std::string_view query = question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    return serve::Request{req.method, req.path, query, body};
}

// Reads the body of a POST (or PUT...) into `body`, never keeping more than `max_body` bytes of it.
// cpp-httplib bounds a body with a Content-Length by set_payload_max_length (413 before reading it), but
// not a chunked or compressed one, so those are counted here as they arrive; once past the limit the
// rest is read and dropped, leaving the connection in step for the next request. Returns the error to
// send, if any.
std::optional<serve::Response> read_body(const httplib::Request& req, httplib::Response& res,
                                         const httplib::ContentReader& reader, std::size_t max_body,
                                         std::string& body) {
    auto too_large = [max_body] {
        return serve::error_response(413, "the request body is larger than the limit of " + std::to_string(max_body) +
                                              " bytes (--max-body)");
    };
    if (req.is_multipart_form_data()) {
        reader([](const httplib::MultipartFormData&) { return true; }, [](const char*, std::size_t) { return true; });
        if (res.status == 413) return too_large();
        return serve::error_response(415, "send the care history as the request body itself "
                                          "(Content-Type: application/json), not as a multipart form");
    }
    bool over = false;
    bool read = reader([&](const char* data, std::size_t size) {
        if (over || size > max_body - body.size()) {
            over = true;
            std::string().swap(body);
        } else {
            body.append(data, size);
        }
        return true;
    });
    if (over || res.status == 413) return too_large();
    if (!read) {
        int status = res.status >= 400 ? res.status : 400;
        return serve::error_response(status, "the request body could not be read (" +
                                                 std::string(serve::status_text(status)) + ")");
    }
    return std::nullopt;
}

void configure(httplib::Server& server, const serve::RuleSets& rule_sets, const ServeOptions& o) {
    std::size_t threads = o.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(o.max_body);
    server.set_keep_alive_timeout(keep_alive_seconds);
    server.set_read_timeout(io_timeout_seconds);
    server.set_write_timeout(io_timeout_seconds);
    // SO_REUSEADDR alone (a restart need not wait out TIME_WAIT). httplib's default also sets SO_REUSEPORT,
    // with which a second server on a port already in use would start and share it, silently.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });

    auto without_body = [&rule_sets](const httplib::Request& req, httplib::Response& res) {
        send(serve::handle_request(rule_sets, to_request(req, {})), res);
    };
    std::size_t max_body = o.max_body;
    auto with_body = [&rule_sets, max_body](const httplib::Request& req, httplib::Response& res,
                                            const httplib::ContentReader& reader) {
        std::string body;
        if (auto failure = read_body(req, res, reader, max_body, body)) return send(*failure, res);
        send(serve::handle_request(rule_sets, to_request(req, body)), res);
    };
    // Every path goes to the handler, which tells an unknown route (404) from a wrong method (405).
    server.Get(".*", without_body); // and HEAD
    server.Options(".*", without_body);
    server.Post(".*", with_body);
    server.Put(".*", with_body);
    server.Patch(".*", with_body);
    server.Delete(".*", with_body);

    // What httplib answers by itself (a request line it cannot parse, a URI too long, a method it does not
    // route) gets the same JSON error as the rest; answers of the handler already have a body.
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            send(serve::error_response(res.status, serve::status_text(res.status)), res);
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send(serve::error_response(500, "internal error"), res);
    });
}

std::string url(const std::string& host, int port) {
    bool ipv6 = host.find(':') != std::string::npos;
    return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

int run_serve(const ServeOptions& o, const CommandContext& context) {
    // SIGTERM and SIGINT are blocked in every thread (httplib's workers inherit this mask) and taken by
    // one thread in sigwait, which may then call server.stop(): a signal handler could not safely. Blocked
    // from the start, so that one arriving while the rules load is kept and stops the server at once.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN); // a client that hangs up mid-answer is a failed write, not the end of the server

    auto rule_sets = load_rule_sets(o.rules, o.registry, context.rule_roots);
    if (!rule_sets) return exit_failed;

    httplib::Server server;
    configure(server, *rule_sets, o);
    int port = o.port == 0 ? server.bind_to_any_port(o.host) : (server.bind_to_port(o.host, o.port) ? o.port : -1);
    if (port <= 0) {
        std::cerr << "carecap serve: error: cannot listen on " << url(o.host, o.port) << "\n";
        return exit_failed;
    }
    for (std::size_t i = 0; i < rule_sets->size(); ++i) {
        const auto& r = (*rule_sets)[i];
        std::cout << "carecap serve: rules=" << r.name << (i == 0 ? " (default)" : "") << ": " << r.file << ", "
                  << r.rules->header().name << " version \"" << r.rules->header().version << "\"\n";
    }
    // The test reads this line for the port (with --port 0 only the system knows it).
    std::cout << "carecap serve: listening on " << url(o.host, port) << std::endl;

    std::atomic<bool> listening_ended{false}, signalled{false};
    std::thread waiter([&] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        if (listening_ended) return; // woken by the main thread: the server stopped by itself
        signalled = true;
        std::cerr << "carecap serve: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
                  << ": finishing the requests in hand, then stopping\n";
        // stop() does nothing before listening has begun, so wait for that (or for its failure).
        while (!server.is_running() && !listening_ended) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        server.stop();
    });
    bool listened = server.listen_after_bind(); // returns once stopped and every worker has finished
    listening_ended = true;
    if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM); // still in sigwait: wake it
    waiter.join();
    if (signalled) {
        std::cerr << "carecap serve: stopped\n";
        return exit_ok;
    }
    std::cerr << "carecap serve: error: the server stopped " << (listened ? "unexpectedly" : "listening") << "\n";
    return exit_failed;
}

CommandRun setup_serve(CLI::App& app) {
    auto o = std::make_shared<ServeOptions>();
    auto* serve = app.add_subcommand("serve", "serve evaluations over HTTP on a local port (docs/serve.md)");
    serve->add_option("--rules", o->rules,
                      "a rule file, or NAME=FILE; repeat for several (the first is the default; ?rules=NAME picks one)")
        ->required();
    add_registry_option(*serve, o->registry);
    serve->add_option("--host", o->host, "the address to listen on (default 127.0.0.1: this machine only)");
    serve->add_option("--port", o->port, "the port (default 8080; 0: any free port, printed at start)")
        ->check(CLI::Range(0, 65535));
    serve->add_option("--max-body", o->max_body, "the largest request body accepted, in bytes (default 8 MiB)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
    serve->add_option("--threads", o->threads, "how many requests are served at once (default: cores, at least 4)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{256}));
    return [o](const CommandContext& context) { return run_serve(*o, context); };
}

const CommandRegistration registration{60, "serve", setup_serve};

} // namespace
} // namespace carecap::cli
