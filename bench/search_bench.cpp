// Search latency per keystroke over the two corpora the kiosk searches:
//  - a generated catalog of 5,000 procedures: name, a field keyword and 1-3 everyday names;
//  - the 3,321 wards of the bundled admin-units file (name, full name, province).
// A person types queries one code point at a time; every prefix is one query() call.
// Prints p50 / p99 / max per keystroke for each corpus, then runs the registered benchmarks.
//
// Build and run (Release):
//   cmake -S /work/main -B /work/main/build-text -G Ninja -DCMAKE_BUILD_TYPE=Release
//   ninja -C /work/main/build-text -j1 search_bench && /work/main/build-text/search_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/text/search.h"
#include "core/text/utf8.h"

using motcua::core::MatchKind;
using motcua::core::SearchIndex;

namespace {

constexpr std::size_t ResultLimit = 20;

// [SECTION] Corpora

const std::vector<std::string> Actions = {
    "Cấp",     "Cấp lại",  "Cấp đổi",       "Đăng ký",    "Đăng ký lại", "Gia hạn",   "Điều chỉnh",
    "Thu hồi", "Xác nhận", "Chứng thực",    "Công nhận",  "Thẩm định",   "Phê duyệt", "Huỷ bỏ",
    "Bổ sung", "Thay đổi", "Chuyển nhượng", "Giải quyết", "Tiếp nhận",   "Đính chính"};

struct Subject {
    std::string name;
    std::vector<std::string> everyday;
};

const std::vector<Subject> Subjects = {
    {"giấy khai sinh", {"làm giấy khai sinh", "khai sinh cho con"}},
    {"kết hôn", {"làm đăng ký kết hôn", "giấy kết hôn"}},
    {"giấy xác nhận tình trạng hôn nhân", {"giấy độc thân", "xác nhận độc thân"}},
    {"bản sao từ bản chính", {"sao y", "công chứng bản sao"}},
    {"khai tử", {"báo tử", "giấy chứng tử"}},
    {"thường trú", {"nhập hộ khẩu", "hộ khẩu"}},
    {"tạm trú", {"đăng ký tạm trú", "khai báo tạm trú"}},
    {"giấy phép kinh doanh", {"giấy phép kinh doanh", "mở cửa hàng"}},
    {"hộ kinh doanh", {"đăng ký hộ kinh doanh", "mở quán"}},
    {"giấy phép xây dựng", {"xin phép xây nhà", "giấy phép xây nhà"}},
    {"quyền sử dụng đất", {"sổ đỏ", "bìa đỏ"}},
    {"quyền sở hữu nhà ở", {"sổ hồng"}},
    {"giấy phép lái xe", {"bằng lái", "đổi bằng lái xe"}},
    {"chữ ký", {"chứng thực chữ ký", "ký xác nhận"}},
    {"hợp đồng mua bán", {"công chứng hợp đồng", "mua bán nhà đất"}},
    {"di chúc", {"lập di chúc", "thừa kế"}},
    {"con nuôi", {"nhận con nuôi", "nuôi con nuôi"}},
    {"giám hộ", {"đăng ký giám hộ", "người giám hộ"}},
    {"xác định lại dân tộc", {"đổi dân tộc"}},
    {"quốc tịch Việt Nam", {"nhập quốc tịch", "thôi quốc tịch"}},
    {"chứng chỉ hành nghề", {"chứng chỉ hành nghề y", "giấy phép hành nghề"}},
    {"thẻ bảo hiểm y tế", {"bảo hiểm y tế", "thẻ bhyt"}},
    {"trợ cấp xã hội", {"tiền trợ cấp", "trợ cấp người già"}},
    {"hộ nghèo", {"xác nhận hộ nghèo", "sổ hộ nghèo"}},
    {"người có công", {"chế độ người có công", "thương binh liệt sĩ"}},
    {"giấy phép khai thác nước", {"khai thác nước ngầm", "khoan giếng"}},
    {"biển số xe", {"đăng ký xe máy", "biển số"}},
    {"thẻ căn cước", {"làm căn cước", "cccd"}},
    {"hộ chiếu phổ thông", {"làm hộ chiếu", "passport"}},
    {"lý lịch tư pháp", {"phiếu lý lịch tư pháp", "xác nhận không tiền án"}},
    {"nghĩa vụ quân sự", {"khám nghĩa vụ", "hoãn nghĩa vụ quân sự"}},
    {"trường học", {"chuyển trường", "nhập học"}},
    {"văn bằng chứng chỉ", {"bằng tốt nghiệp", "cấp bản sao bằng"}},
    {"giấy phép quảng cáo", {"treo biển quảng cáo", "băng rôn"}},
    {"an toàn thực phẩm", {"giấy an toàn thực phẩm", "vệ sinh thực phẩm"}},
    {"phòng cháy chữa cháy", {"thẩm duyệt pccc", "pccc"}},
    {"môi trường", {"cam kết bảo vệ môi trường", "đánh giá tác động môi trường"}},
    {"lễ hội", {"tổ chức lễ hội", "xin phép tổ chức"}},
    {"hoạt động tôn giáo", {"sinh hoạt tôn giáo", "đăng ký tôn giáo"}},
    {"hợp tác xã", {"thành lập hợp tác xã", "htx"}},
};

// Field keywords ("lĩnh vực"), one per procedure, so entries average about four texts.
const std::vector<std::string> Fields = {"hộ tịch",
                                         "đất đai",
                                         "xây dựng",
                                         "kinh doanh",
                                         "tư pháp",
                                         "giao thông",
                                         "y tế",
                                         "giáo dục",
                                         "lao động thương binh xã hội",
                                         "tài nguyên môi trường",
                                         "văn hoá",
                                         "công an",
                                         "quốc phòng",
                                         "nội vụ",
                                         "tôn giáo",
                                         "nông nghiệp"};

const std::vector<std::string> Qualifiers = {"",
                                             "có yếu tố nước ngoài",
                                             "cho người nước ngoài",
                                             "tại Uỷ ban nhân dân cấp xã",
                                             "lần đầu",
                                             "trong trường hợp bị mất",
                                             "đối với doanh nghiệp",
                                             "cho hộ gia đình, cá nhân",
                                             "lưu động",
                                             "qua dịch vụ bưu chính",
                                             "trên môi trường điện tử",
                                             "cho người khuyết tật",
                                             "đối với tổ chức",
                                             "tại cơ quan đại diện",
                                             "cho trẻ em dưới 6 tuổi"};

struct Corpus {
    SearchIndex index;
    std::size_t entries = 0;
    std::size_t texts = 0;
    double build_ms = 0;
};

Corpus build_catalog() {
    std::mt19937 random(20250701);  // fixed seed: the same catalog every run
    std::set<std::string> seen;
    Corpus corpus;
    const auto start = std::chrono::steady_clock::now();
    int id = 0;
    while (seen.size() < 5000) {
        const std::string& action = Actions[random() % Actions.size()];
        const Subject& subject = Subjects[random() % Subjects.size()];
        const std::string& qualifier = Qualifiers[random() % Qualifiers.size()];
        std::string name = action + " " + subject.name;
        if (!qualifier.empty()) name += " " + qualifier;
        if (!seen.insert(name).second) {
            // Same combination again: a numbered variant, as real catalogs have ("mẫu số 2").
            name += " (mẫu số " + std::to_string(seen.size() % 97 + 2) + ")";
            if (!seen.insert(name).second) continue;
        }
        corpus.index.add(id, name, MatchKind::Name);
        corpus.index.add(id, Fields[random() % Fields.size()], MatchKind::Keyword);
        const std::size_t everyday = 1 + random() % 3;
        for (std::size_t k = 0; k < everyday; ++k) {
            const std::string text = k < subject.everyday.size()
                                         ? subject.everyday[k]
                                         : Actions[random() % Actions.size()] + " " + subject.name;
            corpus.index.add(id, text, MatchKind::EverydayName);
        }
        ++id;
    }
    corpus.build_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    corpus.entries = corpus.index.entry_count();
    corpus.texts = corpus.index.text_count();
    return corpus;
}

Corpus build_wards() {
    std::ifstream file(MOTCUA_SHARED_DATA "/vn-admin-units.json");
    if (!file) {
        std::fprintf(stderr, "cannot open %s\n", MOTCUA_SHARED_DATA "/vn-admin-units.json");
        std::exit(1);
    }
    const nlohmann::json data = nlohmann::json::parse(file);
    Corpus corpus{SearchIndex(std::vector<std::string>{})};  // no filler words in a picker
    const auto start = std::chrono::steady_clock::now();
    int id = 0;
    for (const auto& province : data.at("provinces")) {
        const std::string province_name = province.at("name").get<std::string>();
        for (const auto& ward : province.at("wards")) {
            corpus.index.add(id, ward.at("name").get<std::string>(), MatchKind::Name);
            corpus.index.add(id, ward.at("full_name").get<std::string>(), MatchKind::EverydayName);
            corpus.index.add(id, province_name, MatchKind::Keyword);
            ++id;
        }
    }
    corpus.build_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    corpus.entries = corpus.index.entry_count();
    corpus.texts = corpus.index.text_count();
    return corpus;
}

const std::vector<std::string> CatalogQueries = {"khai sinh",
                                                 "làm giấy khai sinh cho con",
                                                 "lam giay khai sinh",
                                                 "đăng ký kết hôn",
                                                 "dang ky ket hon",
                                                 "giấy độc thân",
                                                 "chung thuc ban sao",
                                                 "công chứng hợp đồng",
                                                 "giấy phép kinh doanh",
                                                 "giay phep xay dung",
                                                 "cấp lại giấy phép lái xe",
                                                 "so do",
                                                 "tinhf trang hon nhan",
                                                 "quyen su dung dat",
                                                 "thủ tục nhập hộ khẩu",
                                                 "ho chieu"};

const std::vector<std::string> WardQueries = {
    "hoa binh",  "Hoà Bình",   "ba dinh", "Phường Bến Thành", "thanh xuan", "tan dinh", "nguyen uy",
    "long bien", "xã Yên Hoà", "ha dong", "phuong 1",         "Đàm Thuỷ",   "cau giay", "an phu",
    "thuan an",  "ha noi"};

// Every prefix of each query, one code point longer each time, as typed.
std::vector<std::string> keystrokes(const std::vector<std::string>& queries) {
    std::vector<std::string> typed;
    for (const std::string& query : queries) {
        const std::u32string cps = motcua::core::decode_utf8(query);
        for (std::size_t n = 1; n <= cps.size(); ++n) {
            typed.push_back(motcua::core::encode_utf8(std::u32string_view(cps).substr(0, n)));
        }
    }
    return typed;
}

// [SECTION] Typing simulation with percentiles

double percentile(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<std::size_t>(q * values.size()))];
}

// Times every keystroke `Rounds` times. Prints percentiles over all samples, and over the
// per-keystroke medians (robust to the scheduler on a shared 2-core machine), plus the slowest
// keystrokes so a regression points at its query.
void report(const char* label, const Corpus& corpus, const std::vector<std::string>& typed) {
    constexpr int Rounds = 30;
    std::vector<double> all;
    std::vector<std::vector<double>> per_key(typed.size());
    std::size_t hits = 0;
    for (int round = 0; round < Rounds; ++round) {
        for (std::size_t k = 0; k < typed.size(); ++k) {
            const auto start = std::chrono::steady_clock::now();
            const auto result = corpus.index.query(typed[k], ResultLimit);
            const auto stop = std::chrono::steady_clock::now();
            const double micros = std::chrono::duration<double, std::micro>(stop - start).count();
            all.push_back(micros);
            per_key[k].push_back(micros);
            hits += result.size();
        }
    }
    std::vector<std::pair<double, std::size_t>> medians;
    std::vector<double> median_values;
    for (std::size_t k = 0; k < typed.size(); ++k) {
        medians.emplace_back(percentile(per_key[k], 0.5), k);
        median_values.push_back(medians.back().first);
    }
    std::sort(medians.rbegin(), medians.rend());
    std::printf(
        "%s: %zu entries, %zu texts, index built in %.1f ms; %zu keystrokes x %d rounds, "
        "%.1f hits each on average (limit %zu)\n",
        label, corpus.entries, corpus.texts, corpus.build_ms, typed.size(), Rounds,
        static_cast<double>(hits) / static_cast<double>(all.size()), ResultLimit);
    std::printf("  all samples:           p50 %7.1f us  p99 %7.1f us  max %7.1f us\n",
                percentile(all, 0.5), percentile(all, 0.99), percentile(all, 1.0));
    std::printf("  per-keystroke medians: p50 %7.1f us  p99 %7.1f us  max %7.1f us\n",
                percentile(median_values, 0.5), percentile(median_values, 0.99),
                percentile(median_values, 1.0));
    std::printf("  slowest keystrokes (median):");
    for (std::size_t k = 0; k < std::min<std::size_t>(5, medians.size()); ++k) {
        std::printf(" \"%s\" %.0f us%s", typed[medians[k].second].c_str(), medians[k].first,
                    k + 1 < 5 ? "," : "");
    }
    std::printf("\n");
}

// [SECTION] Google Benchmark registrations (the same keystrokes, one query per iteration)

const Corpus& catalog() {
    static const Corpus corpus = build_catalog();
    return corpus;
}

const Corpus& wards() {
    static const Corpus corpus = build_wards();
    return corpus;
}

void run_keystrokes(benchmark::State& state, const Corpus& corpus,
                    const std::vector<std::string>& typed) {
    std::size_t next = 0;
    for (auto _ : state) {
        auto hits = corpus.index.query(typed[next], ResultLimit);
        benchmark::DoNotOptimize(hits);
        next = (next + 1) % typed.size();
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_CatalogKeystroke(benchmark::State& state) {
    static const std::vector<std::string> typed = keystrokes(CatalogQueries);
    run_keystrokes(state, catalog(), typed);
}
BENCHMARK(BM_CatalogKeystroke)->Unit(benchmark::kMicrosecond);

void BM_WardKeystroke(benchmark::State& state) {
    static const std::vector<std::string> typed = keystrokes(WardQueries);
    run_keystrokes(state, wards(), typed);
}
BENCHMARK(BM_WardKeystroke)->Unit(benchmark::kMicrosecond);

void BM_CatalogFullQuery(benchmark::State& state) {
    std::size_t next = 0;
    for (auto _ : state) {
        auto hits = catalog().index.query(CatalogQueries[next], ResultLimit);
        benchmark::DoNotOptimize(hits);
        next = (next + 1) % CatalogQueries.size();
    }
}
BENCHMARK(BM_CatalogFullQuery)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
    report("catalog", catalog(), keystrokes(CatalogQueries));
    report("wards", wards(), keystrokes(WardQueries));
    std::fflush(stdout);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
