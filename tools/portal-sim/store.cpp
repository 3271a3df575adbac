#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "portal_sim.h"

namespace motcua::sim {

namespace {

core::Error io_error(const std::string& what, const std::string& path) {
    return core::make_error("store_io", what + " " + path + ": " + std::strerror(errno));
}

nlohmann::json dossier_to_line(const StoredDossier& dossier) {
    return {{"type", "dossier"},
            {"seq", dossier.sequence},
            {"key", dossier.idempotency_key},
            {"hash", dossier.body_hash},
            {"MaHoSo", dossier.ma_ho_so},
            {"MaTam", dossier.ma_tam},
            {"request", dossier.request},
            {"status", dossier.status},
            {"response", dossier.response_body}};
}

StoredDossier dossier_from_line(const nlohmann::json& line) {
    StoredDossier dossier;
    dossier.sequence = line.at("seq").get<std::int64_t>();
    dossier.idempotency_key = line.at("key").get<std::string>();
    dossier.body_hash = line.at("hash").get<std::string>();
    dossier.ma_ho_so = line.at("MaHoSo").get<std::string>();
    dossier.ma_tam = line.at("MaTam").get<std::string>();
    dossier.request = line.at("request");
    dossier.status = line.at("status").get<int>();
    dossier.response_body = line.at("response").get<std::string>();
    return dossier;
}

// [opencps]
bool has_positive_id(const nlohmann::json& record, const char* id_key) {
    return record.is_object() && record.contains(id_key) && record[id_key].is_number_integer() &&
           record[id_key].get<std::int64_t>() > 0;
}

// Replaces the record with the same id, or appends it. False for a record without a positive
// integer id.
bool put_record(std::vector<nlohmann::json>& records, const char* id_key,
                const nlohmann::json& record) {
    if (!has_positive_id(record, id_key)) return false;
    for (auto& existing : records) {
        if (existing[id_key] == record[id_key]) {
            existing = record;
            return true;
        }
    }
    records.push_back(record);
    return true;
}

}  // namespace

core::Result<std::unique_ptr<DossierStore>> DossierStore::open(const std::string& path) {
    std::unique_ptr<DossierStore> store(new DossierStore());

    std::ifstream input(path, std::ios::binary);
    std::vector<std::string> lines;
    bool ends_with_newline = true;
    if (input) {
        std::stringstream buffer;
        buffer << input.rdbuf();
        const std::string content = buffer.str();
        ends_with_newline = content.empty() || content.back() == '\n';
        std::size_t start = 0;
        while (start < content.size()) {
            std::size_t end = content.find('\n', start);
            if (end == std::string::npos) end = content.size();
            lines.push_back(content.substr(start, end - start));
            start = end + 1;
        }
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty()) continue;
        const bool last = i + 1 == lines.size();
        try {
            const nlohmann::json line = nlohmann::json::parse(lines[i]);
            const std::string type = line.at("type").get<std::string>();
            if (type == "dossier") {
                StoredDossier dossier = dossier_from_line(line);
                store->m_last_sequence = std::max(store->m_last_sequence, dossier.sequence);
                store->m_by_key[dossier.idempotency_key] = store->m_dossiers.size();
                store->m_dossiers.push_back(std::move(dossier));
            } else if (type == "status") {
                auto it = std::find_if(store->m_dossiers.begin(), store->m_dossiers.end(),
                                       [&](const StoredDossier& dossier) {
                                           return dossier.ma_ho_so == line.at("MaHoSo");
                                       });
                if (it == store->m_dossiers.end())
                    throw std::runtime_error("status for unknown dossier");
                it->trang_thai = line.at("TrangThaiHoSo").get<int>();
            } else if (type == "rating") {
                store->m_ratings.push_back(line.at("rating"));
            } else if (type == "opencps_dossier") {  // [opencps]
                if (!put_record(store->m_opencps_dossiers, "dossierId", line.at("record")))
                    throw std::runtime_error("OpenCPS dossier without a dossierId");
            } else if (type == "opencps_vote") {
                if (!put_record(store->m_opencps_votes, "votingResultId", line.at("record")))
                    throw std::runtime_error("OpenCPS voting result without a votingResultId");
            } else {
                throw std::runtime_error("unknown line type '" + type + "'");
            }
        } catch (const std::exception& error) {
            // Only an unterminated last line can be a write cut short by a crash; it was never
            // acknowledged, so dropping it loses nothing anyone was told about.
            if (last && !ends_with_newline) {
                ++store->m_skipped_lines;
                continue;
            }
            return core::make_error("store_corrupt",
                                    path + " line " + std::to_string(i + 1) + ": " + error.what());
        }
    }

    store->m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (store->m_fd < 0) return io_error("cannot open", path);
    if (!ends_with_newline) {
        // Terminate the torn line so the next record starts on a line of its own.
        if (auto status = store->append_line(""); !status) return status.error();
    }
    return store;
}

DossierStore::~DossierStore() {
    if (m_fd >= 0) ::close(m_fd);
}

core::Status DossierStore::append_line(const std::string& line) {
    const std::string data = line + "\n";
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(m_fd, data.data() + written, data.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return io_error("cannot write", "store");
        }
        written += static_cast<std::size_t>(n);
    }
    // The 201 promises the dossier is kept: make it durable before answering.
    if (::fsync(m_fd) != 0) return io_error("cannot fsync", "store");
    return core::Ok{};
}

core::Status DossierStore::append(const StoredDossier& dossier) {
    if (auto status = append_line(dossier_to_line(dossier).dump()); !status) return status;
    m_last_sequence = std::max(m_last_sequence, dossier.sequence);
    m_by_key[dossier.idempotency_key] = m_dossiers.size();
    m_dossiers.push_back(dossier);
    return core::Ok{};
}

core::Status DossierStore::append_rating(const nlohmann::json& rating) {
    const nlohmann::json line = {{"type", "rating"}, {"rating", rating}};
    if (auto status = append_line(line.dump()); !status) return status;
    m_ratings.push_back(rating);
    return core::Ok{};
}

core::Status DossierStore::set_status(const std::string& ma_ho_so, int trang_thai) {
    auto it = std::find_if(m_dossiers.begin(), m_dossiers.end(), [&](const StoredDossier& dossier) {
        return dossier.ma_ho_so == ma_ho_so;
    });
    if (it == m_dossiers.end()) return core::make_error("not_found", "no dossier " + ma_ho_so);
    const nlohmann::json line = {
        {"type", "status"}, {"MaHoSo", ma_ho_so}, {"TrangThaiHoSo", trang_thai}};
    if (auto status = append_line(line.dump()); !status) return status;
    it->trang_thai = trang_thai;
    return core::Ok{};
}

// [opencps]
core::Status DossierStore::put_opencps(const char* type, const char* id_key,
                                       std::vector<nlohmann::json>& records,
                                       const nlohmann::json& record) {
    if (!has_positive_id(record, id_key))
        return core::make_error("store_invalid",
                                std::string(type) + " without a positive " + id_key);
    const nlohmann::json line = {{"type", type}, {"record", record}};
    if (auto status = append_line(line.dump()); !status) return status;
    put_record(records, id_key, record);
    return core::Ok{};
}

core::Status DossierStore::put_opencps_dossier(const nlohmann::json& record) {
    return put_opencps("opencps_dossier", "dossierId", m_opencps_dossiers, record);
}

core::Status DossierStore::put_opencps_vote(const nlohmann::json& record) {
    return put_opencps("opencps_vote", "votingResultId", m_opencps_votes, record);
}
// [/opencps]

const StoredDossier* DossierStore::find_by_key(const std::string& key) const {
    auto it = m_by_key.find(key);
    return it == m_by_key.end() ? nullptr : &m_dossiers[it->second];
}

const StoredDossier* DossierStore::find_by_code(const std::string& code) const {
    if (code.empty()) return nullptr;
    for (const auto& dossier : m_dossiers)
        if (dossier.ma_ho_so == code) return &dossier;
    for (const auto& dossier : m_dossiers)
        if (dossier.ma_tam == code) return &dossier;
    return nullptr;
}

}  // namespace motcua::sim
