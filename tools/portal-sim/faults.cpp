#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <filesystem>

#include "portal_sim.h"

namespace motcua::sim {

// [SECTION] configuration

namespace {

core::Status read_probability(const nlohmann::json& value, const std::string& key, double& out) {
    if (!value.is_number() || value.get<double>() < 0.0 || value.get<double>() > 1.0)
        return core::make_error("invalid_field", key + " must be a number in [0, 1]");
    out = value.get<double>();
    return core::Ok{};
}

core::Status read_count(const nlohmann::json& value, const std::string& key, int max, int& out) {
    if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > max)
        return core::make_error("invalid_field",
                                key + " must be an integer in [0, " + std::to_string(max) + "]");
    out = value.get<int>();
    return core::Ok{};
}

}  // namespace

core::Status apply_fault_json(FaultConfig& config, const nlohmann::json& changes, Api api) {
    if (!changes.is_object()) return core::make_error("invalid_json", "expected a JSON object");
    FaultConfig next = config;  // all or nothing
    for (const auto& [key, value] : changes.items()) {
        core::Status status = core::Ok{};
        if (key == "latency-ms")
            status = read_count(value, key, 600000, next.latency_ms);
        else if (key == "slow-body-ms")
            status = read_count(value, key, 60000, next.slow_body_ms);
        else if (key == "retry-after")
            status = read_count(value, key, 86400, next.retry_after_s);
        else if (key == "fail-rate")
            status = read_probability(value, key, next.fail_rate);
        else if (key == "drop-before-read")
            status = read_probability(value, key, next.drop_before_read);
        else if (key == "drop-after-commit")
            status = read_probability(value, key, next.drop_after_commit);
        else if (key == "malformed-json")
            status = read_probability(value, key, next.malformed_json);
        else if (key == "rate-limit")
            status = read_probability(value, key, next.rate_limit);
        else if (key == "refuse-rate")  // [staff]
            status = read_probability(value, key, next.refuse_rate);
        else if (key == "opencps-no-dossier-id" && api == Api::OpenCps)  // [opencps]
            status = read_probability(value, key, next.opencps_no_dossier_id);
        else if (key == "captive-portal") {
            if (!value.is_boolean())
                status = core::make_error("invalid_field", "captive-portal must be true or false");
            else
                next.captive_portal = value.get<bool>();
        } else if (key == "seed") {
            continue;  // handled by FaultInjector::update
        } else {
            status = core::make_error("unknown_field", "unknown fault key '" + key + "'");
        }
        if (!status) return status;
    }
    config = next;
    return core::Ok{};
}

nlohmann::json fault_config_to_json(const FaultConfig& config, Api api) {
    nlohmann::json json = {{"latency-ms", config.latency_ms},
                           {"fail-rate", config.fail_rate},
                           {"drop-before-read", config.drop_before_read},
                           {"drop-after-commit", config.drop_after_commit},
                           {"slow-body-ms", config.slow_body_ms},
                           {"malformed-json", config.malformed_json},
                           {"captive-portal", config.captive_portal},
                           {"rate-limit", config.rate_limit},
                           {"retry-after", config.retry_after_s},
                           {"refuse-rate", config.refuse_rate}};  // [staff]
    if (api == Api::OpenCps) json["opencps-no-dossier-id"] = config.opencps_no_dossier_id;
    return json;
}

FaultInjector::FaultInjector(FaultConfig config, std::uint64_t seed)
    : m_config(config), m_generator(seed) {}

FaultConfig FaultInjector::config() const {
    std::lock_guard lock(m_mutex);
    return m_config;
}

void FaultInjector::set(FaultConfig config, std::uint64_t seed) {
    std::lock_guard lock(m_mutex);
    m_config = config;
    m_generator.seed(seed);
}

core::Status FaultInjector::update(const nlohmann::json& changes, Api api) {
    std::lock_guard lock(m_mutex);
    if (changes.is_object() && changes.contains("seed")) {
        const auto& seed = changes["seed"];
        if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<long long>() >= 0))
            return core::make_error("invalid_field", "seed must be a non-negative integer");
    }
    core::Status status = apply_fault_json(m_config, changes, api);
    if (status && changes.contains("seed")) m_generator.seed(changes["seed"].get<std::uint64_t>());
    return status;
}

void FaultInjector::reset() {
    std::lock_guard lock(m_mutex);
    m_config = FaultConfig{};
}

bool FaultInjector::roll(double probability) {
    if (probability <= 0.0) return false;
    if (probability >= 1.0) return true;
    std::lock_guard lock(m_mutex);
    // 53 random bits → [0, 1): independent of the standard library's distributions, so the
    // sequence for a seed is the same with every compiler.
    const double draw = static_cast<double>(m_generator() >> 11) * 0x1.0p-53;
    return draw < probability;
}

// [SECTION] dropping a connection

namespace {

// The port of a socket address, or -1 when it is neither IPv4 nor IPv6.
int port_of(const sockaddr_storage& address) {
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
    return -1;
}

}  // namespace

// httplib 0.11 does not hand the socket to a handler. The connection is unique by its pair of
// ports on this host, so look through our own descriptors for the socket whose local port is
// the server's and whose peer port is the client's, then shut it down both ways: the client
// reads end-of-file before any status line, which every HTTP client reports as an error.
// httplib's later write fails (SIGPIPE is ignored) and it closes the descriptor as usual.
// Other threads may close or reuse descriptors while we look (ThreadSanitizer notices); that is
// harmless: only the socket of this very connection, held open by this worker thread, can
// match both ports.
bool drop_connection(const httplib::Request& request) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
        int fd = -1;
        try {
            fd = std::stoi(entry.path().filename().string());
        } catch (...) {
            continue;
        }
        struct stat info {};
        if (fstat(fd, &info) != 0 || !S_ISSOCK(info.st_mode)) continue;
        sockaddr_storage local{}, peer{};
        socklen_t local_length = sizeof local, peer_length = sizeof peer;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length) != 0) continue;
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0) continue;
        if (port_of(local) != request.local_port || port_of(peer) != request.remote_port) continue;
        ::shutdown(fd, SHUT_RDWR);
        return true;
    }
    return false;
}

}  // namespace motcua::sim
