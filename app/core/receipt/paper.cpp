#include "core/receipt/paper.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

namespace motcua::core {

namespace {

LocalText local_text(const nlohmann::json& value) {
    if (value.is_string()) return LocalText{value.get<std::string>(), {}};
    return LocalText{value.at("vi").get<std::string>(), value.value("en", std::string())};
}

const char* style_name(PaperStyle style) {
    switch (style) {
        case PaperStyle::Small:
            return "small";
        case PaperStyle::Body:
            return "body";
        case PaperStyle::Heading:
            return "heading";
        case PaperStyle::Code:
            return "code";
        case PaperStyle::Number:
            return "number";
    }
    return "body";
}

const char* kind_name(PaperBlock::Kind kind) {
    switch (kind) {
        case PaperBlock::Kind::Text:
            return "text";
        case PaperBlock::Kind::Qr:
            return "qr";
        case PaperBlock::Kind::Space:
            return "space";
        case PaperBlock::Kind::Rule:
            return "rule";
    }
    return "text";
}

}  // namespace

Result<std::vector<CounterGroup>> parse_counter_groups(std::string_view json_text,
                                                       std::string_view source_name) {
    const std::string source(source_name);
    try {
        const auto root = nlohmann::json::parse(json_text);
        if (!root.is_object() || root.value("format", 0) != 1)
            return make_error("counters_invalid", source + ": expected {\"format\": 1, ...}");
        std::vector<CounterGroup> groups;
        std::set<std::string> ids, categories;
        for (const auto& entry : root.at("groups")) {
            CounterGroup group;
            group.id = entry.at("id").get<std::string>();
            bool id_ok = !group.id.empty() && group.id.size() <= 4;
            for (char c : group.id) id_ok = id_ok && c >= 'A' && c <= 'Z';
            if (!id_ok || !ids.insert(group.id).second)
                return make_error("counters_invalid", source + ": group id \"" + group.id +
                                                          "\" must be 1..4 capitals and unique");
            group.name = local_text(entry.at("name"));
            if (group.name.vi.empty())
                return make_error("counters_invalid",
                                  source + ": group " + group.id + " has no name");
            for (const auto& category : entry.value("categories", nlohmann::json::array())) {
                group.categories.push_back(category.get<std::string>());
                if (!categories.insert(group.categories.back()).second)
                    return make_error("counters_invalid", source + ": category \"" +
                                                              group.categories.back() +
                                                              "\" is served by two groups");
            }
            groups.push_back(std::move(group));
        }
        if (groups.empty()) return make_error("counters_invalid", source + ": no groups");
        return groups;
    } catch (const std::exception& error) {
        return make_error("counters_invalid", source + ": " + error.what());
    }
}

const CounterGroup* counter_group_for(const std::vector<CounterGroup>& groups,
                                      std::string_view category) {
    for (const auto& group : groups)
        for (const auto& served : group.categories)
            if (served == category) return &group;
    return nullptr;
}

const CounterGroup* find_counter_group(const std::vector<CounterGroup>& groups,
                                       std::string_view id) {
    for (const auto& group : groups)
        if (group.id == id) return &group;
    return nullptr;
}

bool needs_counter(const Procedure& procedure) {
    for (const auto& document : procedure.documents)
        if (document.kind != DocumentKind::Copy) return true;  // an original to hand in or show
    return false;
}

std::string ticket_label(std::string_view group_id, int number) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%03d", number);
    return std::string(group_id) + "-" + digits;
}

PaperBlock paper_text(std::string text, PaperStyle style, PaperAlign align) {
    return PaperBlock{PaperBlock::Kind::Text, std::move(text), style, align, 0};
}

PaperBlock paper_qr(std::string payload) {
    return PaperBlock{PaperBlock::Kind::Qr, std::move(payload), PaperStyle::Body,
                      PaperAlign::Centre, 0};
}

PaperBlock paper_space(int dots) {
    return PaperBlock{PaperBlock::Kind::Space, {}, PaperStyle::Body, PaperAlign::Left, dots};
}

PaperBlock paper_rule() {
    return PaperBlock{PaperBlock::Kind::Rule, {}, PaperStyle::Body, PaperAlign::Left, 0};
}

std::string paper_to_json(const PaperDocument& document) {
    nlohmann::json blocks = nlohmann::json::array();
    for (const auto& block : document.blocks)
        blocks.push_back({{"kind", kind_name(block.kind)},
                          {"text", block.text},
                          {"style", style_name(block.style)},
                          {"centre", block.align == PaperAlign::Centre},
                          {"dots", block.dots}});
    return nlohmann::json{{"format", 1},
                          {"code", document.code},
                          {"provisional_code", document.provisional_code},
                          {"blocks", blocks}}
        .dump();
}

Result<PaperDocument> paper_from_json(std::string_view json_text) {
    try {
        const auto root = nlohmann::json::parse(json_text);
        if (root.value("format", 0) != 1) return make_error("receipt_invalid", "format is not 1");
        PaperDocument document;
        document.code = root.at("code").get<std::string>();
        document.provisional_code = root.at("provisional_code").get<std::string>();
        for (const auto& entry : root.at("blocks")) {
            PaperBlock block;
            const std::string kind = entry.at("kind").get<std::string>();
            const std::string style = entry.at("style").get<std::string>();
            for (auto k : {PaperBlock::Kind::Text, PaperBlock::Kind::Qr, PaperBlock::Kind::Space,
                           PaperBlock::Kind::Rule})
                if (kind == kind_name(k)) block.kind = k;
            for (auto s : {PaperStyle::Small, PaperStyle::Body, PaperStyle::Heading,
                           PaperStyle::Code, PaperStyle::Number})
                if (style == style_name(s)) block.style = s;
            block.text = entry.at("text").get<std::string>();
            block.align = entry.at("centre").get<bool>() ? PaperAlign::Centre : PaperAlign::Left;
            block.dots = entry.at("dots").get<int>();
            document.blocks.push_back(std::move(block));
        }
        return document;
    } catch (const std::exception& error) {
        return make_error("receipt_invalid", error.what());
    }
}

}  // namespace motcua::core
