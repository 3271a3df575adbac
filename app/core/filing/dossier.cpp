#include "core/filing/dossier.h"

#include <nlohmann/json.hpp>

#include "core/form/date.h"
#include "core/form/validators.h"

namespace motcua::core {

namespace {

// Sets value at a dotted path ("NguoiYeuCau.HoTen") inside object, creating objects on the way.
void set_path(nlohmann::json& object, const std::string& path, const nlohmann::json& value) {
    nlohmann::json* node = &object;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = path.find('.', start);
        std::string key = path.substr(start, dot - start);
        if (dot == std::string::npos) {
            (*node)[key] = value;
            return;
        }
        nlohmann::json& child = (*node)[key];
        if (!child.is_object()) child = nlohmann::json::object();
        node = &child;
        start = dot + 1;
    }
}

const char* document_kind_name(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::Original:
            return "Bản chính";
        case DocumentKind::Copy:
            return "Bản sao";
        case DocumentKind::OriginalOrCopy:
            return "Bản chính hoặc bản sao";
        case DocumentKind::Show:
            return "Xuất trình";
    }
    return "";
}

// The text of a filed value (an address by its typed line, as templates name it; a date as
// dd/mm/yyyy, the portal's form date).
std::string filed_text(const FiledValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
    if (const auto* date = std::get_if<Date>(&value)) return format_date(*date);
    return std::get<FiledAddress>(value).detail;
}

const FiledValue* find_value(const FiledAnswers& answers, const std::string& field, int item) {
    auto it = answers.find(field);
    if (it == answers.end()) return nullptr;
    auto at = it->second.find(item);
    return at == it->second.end() ? nullptr : &at->second;
}

}  // namespace

std::string fill_template(const std::string& text,
                          const std::map<std::string, std::string>& answers) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '{') {
            std::size_t close = text.find('}', i);
            if (close != std::string::npos) {
                auto it = answers.find(text.substr(i + 1, close - i - 1));
                if (it != answers.end()) out += it->second;
                i = close + 1;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

std::string encode_dossier(const Procedure& procedure, const FiledAnswers& answers,
                           const DossierMeta& meta) {
    nlohmann::json form = nlohmann::json::object();
    // Templates name fields: {child.name}; on a repeatable page it lists every item's answer.
    std::map<std::string, std::string> for_template;
    for (const auto& [field, items] : answers)
        if (auto first = items.find(1); first != items.end())
            for_template[field] = filed_text(first->second);
    for (const auto& page : procedure.pages) {
        if (page.repeat) {
            // One object per item, in an array.
            nlohmann::json items = nlohmann::json::array();
            for (int item = 1; item <= page.repeat->max; ++item) {
                nlohmann::json object = nlohmann::json::object();
                for (const auto& field : page.fields)
                    if (const FiledValue* value = find_value(answers, field.id, item)) {
                        set_path(object, field.portal, filed_text(*value));
                        if (item > 1) for_template[field.id] += ", " + filed_text(*value);
                    }
                if (object.empty()) continue;  // an item with only optional answers, all left blank
                items.push_back(std::move(object));
            }
            if (!items.empty()) set_path(form, page.repeat->portal, items);
            continue;
        }
        for (const auto& field : page.fields) {
            const FiledValue* value = find_value(answers, field.id, 1);
            if (!value) continue;
            if (const auto* address = std::get_if<FiledAddress>(value)) {
                // 2-level address as the civil-status forms store it: {tinh, xa, diaChi}, plus the
                // whole address in words for officers reading the dossier.
                for (const auto& [part, key] :
                     {std::pair{&address->province, "tinh"}, std::pair{&address->ward, "xa"},
                      std::pair{&address->detail, "diaChi"},
                      std::pair{&address->full, "diaChiDayDu"}})
                    if (!part->empty()) set_path(form, field.portal + "." + key, *part);
                continue;
            }
            if (const auto* date = std::get_if<Date>(value)) {
                set_path(form, field.portal, format_date(*date));
                // The khai sinh form wants it in words too ("Ngày mười hai tháng sáu…").
                if (field.in_words) set_path(form, field.portal + "BangChu", date_in_words(*date));
                continue;
            }
            const std::string& text = std::get<std::string>(*value);
            set_path(form, field.portal, text);
            // Forms that keep họ, chữ đệm and tên apart get them split (first word, middle, last).
            if (!field.name_ho.empty()) {
                const NameParts parts = split_name(text);
                set_path(form, field.name_ho, parts.ho);
                set_path(form, field.name_chu_dem, parts.chu_dem);
                set_path(form, field.name_ten, parts.ten);
            }
        }
    }

    auto answer = [&](const std::string& id) {
        const FiledValue* value = find_value(answers, id, 1);
        return value ? filed_text(*value) : std::string();
    };
    nlohmann::json documents = nlohmann::json::array();
    for (const auto& document : procedure.documents)
        documents.push_back({{"TenGiayTo", document.name.vi},
                             {"SoLuong", document.count},
                             {"LoaiGiayTo", document_kind_name(document.kind)}});

    nlohmann::json dossier = {
        {"MaTTHC", procedure.code},
        {"TenTTHC", procedure.name.vi},
        {"MaKiosk", meta.kiosk_id},
        {"MaTam", meta.provisional_code},
        {"KenhNop", 1},
        {"LoaiDoiTuong", "1"},
        {"ChuHoSo", answer(procedure.owner_field)},
        {"SoDienThoai", answer(procedure.phone_field)},
        {"TrichYeuHoSo",
         fill_template(procedure.summary.empty() ? procedure.name.vi : procedure.summary.vi,
                       for_template)},
        {"NgayNop", meta.submitted_at},
        {"SoNgayXuLy", procedure.working_days},
        {"ThanhPhanHoSo", documents},
        {"DuLieuToKhai", form},
    };
    if (meta.assisted) dossier["HoTroCanBo"] = true;  // [staff] docs/portal-api.md
    return dossier.dump();
}

}  // namespace motcua::core
