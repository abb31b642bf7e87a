// serve.cpp: `carecap serve`, the care account over HTTP on a local port (docs/serve.md). This file is
// the plumbing alone: options, loading the rule sets, the bearer token, listening, and stopping on
// SIGTERM or SIGINT. Connections are read by cli/serve_loop.cpp, HTTP by cli/serve_http.cpp, and what
// each request gets is decided by cli/serve_handler.cpp.
#include "carecap/carecap.hpp"
#include "cli/command.h"
#include "cli/selfservice.h"
#include "cli/serve_access.h"
#include "cli/serve_handler.h"
#include "cli/serve_loop.h"
#include "cli/workbench.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <thread>

namespace carecap::cli {
namespace {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::vector<std::string> rules;
    std::string registry;
    // 128 KiB: a real history is a few kilobytes; a request costs up to about 320 times its body in
    // memory (measured, docs/limits.md), so this bounds one request to about 40 MB.
    std::size_t max_body = 128u << 10;
    std::size_t threads = std::max(4u, std::thread::hardware_concurrency());
    int timeout = 30; // seconds from a request's end to its answer
    std::string token_file;
    std::string self_service; // the authority whose online financial assessment is served; "": none
    std::vector<std::string> allowed_origins; // --allow-origin: web pages from these may read the answers
    std::string access_log;                   // --access-log FILE, or - for standard error; "": no log
    bool workbench = false;                   // --workbench: the analysts' page at /workbench
};

// The environment variable that may hold the bearer token (never the command line, which others can read).
constexpr const char* token_variable = "CARECAP_SERVE_TOKEN";

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

std::string url(const std::string& host, int port) {
    bool ipv6 = host.find(':') != std::string::npos;
    return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// Reads the bearer token from --token-file or CARECAP_SERVE_TOKEN; false, with the reason, if it is unusable.
bool read_token(const ServeOptions& o, std::string& token, std::string& why) {
    const char* from_environment = std::getenv(token_variable);
    if (!o.token_file.empty() && from_environment != nullptr) {
        why = "the token is given both by --token-file and by " + std::string(token_variable) + ": give one";
        return false;
    }
    if (!o.token_file.empty()) {
        std::ifstream in(o.token_file, std::ios::binary);
        if (!in) {
            why = "--token-file " + o.token_file + ": cannot read it";
            return false;
        }
        token.resize(4096);
        in.read(token.data(), static_cast<std::streamsize>(token.size()));
        token.resize(static_cast<std::size_t>(in.gcount()));
        while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    } else if (from_environment != nullptr) {
        token = from_environment;
    } else {
        return true;
    }
    // A token is sent in a header field: visible ASCII only, and long enough not to be guessed.
    bool visible = std::all_of(token.begin(), token.end(), [](char c) { return c > ' ' && c < 127; });
    if (token.size() < 16 || token.size() > 1024 || !visible) {
        why = "the bearer token must be 16 to 1024 visible ASCII characters, without spaces";
        return false;
    }
    return true;
}

bool is_loopback(const sockaddr* address) {
    if (address->sa_family == AF_INET)
        return (ntohl(reinterpret_cast<const sockaddr_in*>(address)->sin_addr.s_addr) >> 24) == 127;
    if (address->sa_family != AF_INET6) return false;
    const in6_addr& a = reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr;
    return IN6_IS_ADDR_LOOPBACK(&a) || (IN6_IS_ADDR_V4MAPPED(&a) && a.s6_addr[12] == 127);
}

// Binds and listens on the host's first address that works; the port actually taken, or -1. `public_address`
// is set when any address the host names is reachable from other machines, and then nothing is bound
// unless `allow_public`.
int listen_on(const std::string& host, int port, bool allow_public, bool& public_address, int& listener) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
    public_address = false;
    for (addrinfo* a = found; a != nullptr; a = a->ai_next) public_address |= !is_loopback(a->ai_addr);
    listener = -1;
    for (addrinfo* a = found; a != nullptr && listener < 0 && (allow_public || !public_address); a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        // SO_REUSEADDR alone (a restart need not wait out TIME_WAIT); never SO_REUSEPORT, with which a
        // second server on a port already in use would start and share it, silently.
        int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (a->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &yes, sizeof yes);
        if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 128) == 0) listener = fd;
        else close(fd);
    }
    freeaddrinfo(found);
    if (listener < 0) return -1;
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    getsockname(listener, reinterpret_cast<sockaddr*>(&bound), &length);
    return ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                             : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}
serve::LoopSettings loop_settings(const ServeOptions& o, std::string token, std::FILE* access_log) {
    serve::LoopSettings settings;
    settings.allowed_origins = o.allowed_origins;
    settings.access_log = access_log;
    settings.limits.body = o.max_body;
    settings.workers = o.threads;
    settings.evaluation = std::chrono::seconds(o.timeout);
    settings.token = std::move(token);
    return settings;
}

// Takes SIGTERM and SIGINT (blocked in every thread) in sigwait, where stopping may be asked for safely.
void wait_for_stop(sigset_t stop_signals, std::atomic<bool>& stop, int wake_write) {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    std::cerr << "carecap serve: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
              << ": finishing the requests in hand, then stopping\n";
    stop = true;
    char byte = 1;
    [[maybe_unused]] auto written = write(wake_write, &byte, 1);
}

int run_serve(const ServeOptions& o, const CommandContext& context) {
    // Blocked from the start, in every thread made from here on, so that a signal arriving while the
    // rules load is kept and stops the server at once.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN); // a client that hangs up mid-answer is a failed write, not the end of the server

    std::string token, why;
    if (!read_token(o, token, why)) {
        std::cerr << "carecap serve: error: " << why << "\n";
        return exit_failed;
    }
    if (o.workbench && !token.empty()) {
        // The page's requests come from a browser, which has no way to add the token to them.
        std::cerr << "carecap serve: error: --workbench serves a page to a browser on this machine, which cannot "
                     "send the bearer token: start the workbench on loopback without a token (docs/workbench.md)\n";
        return exit_failed;
    }
    auto rule_sets = load_rule_sets(o.rules, o.registry, context.rule_roots);
    if (!rule_sets) return exit_failed;
    // Appended to, never truncated: a restart keeps what an earlier run logged.
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> log_file(nullptr, std::fclose);
    if (!o.access_log.empty() && o.access_log != "-") {
        log_file.reset(std::fopen(o.access_log.c_str(), "a"));
        if (!log_file) {
            std::cerr << "carecap serve: error: --access-log " << o.access_log << ": cannot write to it\n";
            return exit_failed;
        }
    }
    std::FILE* access_log = o.access_log == "-" ? stderr : log_file.get();
    if (!o.self_service.empty()) selfservice::enable(o.self_service);
    if (o.workbench) workbench::enable(context.rule_roots);

    bool public_address = false;
    int listener = -1;
    int port = listen_on(o.host, o.port, !token.empty(), public_address, listener);
    if (public_address && token.empty()) {
        std::cerr << "carecap serve: error: --host " << o.host << " can be reached from other machines, so it needs "
                  << "a bearer token (--token-file FILE, or " << token_variable << "); see docs/serve.md\n";
        return exit_failed;
    }
    if (port <= 0) {
        std::cerr << "carecap serve: error: cannot listen on " << url(o.host, o.port) << "\n";
        return exit_failed;
    }
    for (std::size_t i = 0; i < rule_sets->size(); ++i) {
        const auto& r = (*rule_sets)[i];
        std::cout << "carecap serve: rules=" << r.name << (i == 0 ? " (default)" : "") << ": " << r.file << ", "
                  << r.rules->header().name << " version \"" << r.rules->header().version << "\"\n";
    }
    if (!token.empty()) std::cout << "carecap serve: every request but /healthz needs the bearer token\n";
    if (o.workbench) std::cout << "carecap serve: the workbench is at " << url(o.host, port) << "/workbench\n";
    // The test reads this line for the port (with --port 0 only the system knows it).
    std::cout << "carecap serve: listening on " << url(o.host, port) << std::endl;

    int wake[2];
    if (pipe2(wake, O_NONBLOCK | O_CLOEXEC) != 0) {
        std::cerr << "carecap serve: error: cannot make a pipe\n";
        return exit_failed;
    }
    std::atomic<bool> stop{false};
    std::thread waiter(wait_for_stop, stop_signals, std::ref(stop), wake[1]);
    serve::StopReport report = serve::run_loop(listener, wake[0], wake[1], stop, *rule_sets,
                                               loop_settings(o, token, access_log));
    waiter.join(); // the loop ends only once a signal has come
    if (report.unanswered > 0)
        std::cerr << "carecap serve: " << report.unanswered << " requests were still under way and not answered\n";
    std::cerr << "carecap serve: stopped" << std::endl;
    if (report.workers_stuck) std::_Exit(exit_ok); // a worker is still busy: its memory goes with the process
    close(wake[0]);
    close(wake[1]);
    return exit_ok;
}

CommandRun setup_serve(CLI::App& app) {
    auto o = std::make_shared<ServeOptions>();
    auto* serve = app.add_subcommand("serve", "serve evaluations over HTTP on a local port (docs/serve.md)");
    serve->add_option("--rules", o->rules,
                      "a rule file, or NAME=FILE; repeat for several (the first is the default; ?rules=NAME picks one)")
        ->required();
    add_registry_option(*serve, o->registry);
    serve->add_option("--host", o->host, "the address to listen on (default 127.0.0.1: this machine only; any other needs a bearer token)");
    serve->add_option("--port", o->port, "the port (default 8080; 0: any free port, printed at start)")
        ->check(CLI::Range(0, 65535));
    serve->add_option("--max-body", o->max_body, "the largest request body accepted, in bytes (default 128 KiB)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{64} << 20));
    serve->add_option("--threads", o->threads, "how many evaluations run at once (default: cores, at least 4)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{256}));
    serve->add_option("--timeout", o->timeout, "seconds an evaluation may take before it is stopped with 503 (default 30)")
        ->check(CLI::Range(1, 3600));
    serve->add_option("--token-file", o->token_file,
                      "a file holding the bearer token every request but /healthz must carry (or CARECAP_SERVE_TOKEN); "
                      "required to listen beyond loopback");
    serve->add_option("--self-service", o->self_service,
                      "serve the online financial assessment at /self-service for this authority, under the rules "
                      "the registry names for it (docs/self-service.md); off by default");
    serve->add_flag("--workbench", o->workbench,
                    "serve the analysts' workbench page at /workbench, with the endpoints that check and compare "
                    "pasted amending rule text (docs/workbench.md); off by default");
    serve->add_option("--allow-origin", o->allowed_origins,
                      "a web origin (https://host[:port]) whose pages may read the answers (CORS); repeat for several; "
                      "none by default")
        ->check(CLI::Validator(
            [](std::string& origin) {
                std::string why;
                return serve::valid_origin(origin, why) ? std::string() : why;
            },
            "ORIGIN"));
    serve->add_option("--access-log", o->access_log,
                      "append one line per answer to FILE (- for standard error): method, route, status, bytes, time; "
                      "never a body, a query or an address");
    return [o](const CommandContext& context) { return run_serve(*o, context); };
}

const CommandRegistration serve_registration{60, "serve", setup_serve};

} // namespace
} // namespace carecap::cli
