// A procedure (thủ tục hành chính) as data: what the kiosk asks, what papers to bring, and how
// each answer maps into the portal payload. Authored as JSON (docs/procedure-format.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/i18n/i18n.h"

namespace motcua::core {

// Text a resident reads, in Vietnamese and optionally English (falls back to Vietnamese).
struct LocalText {
    std::string vi;
    std::string en;
    const std::string& in(Language language) const {
        return language == Language::English && !en.empty() ? en : vi;
    }
    bool empty() const { return vi.empty(); }
};

enum class FieldType {
    Text,
    PersonName,
    Date,
    IdNumber,
    Phone,
    Email,
    Number,
    Choice,
    MultiChoice,
    YesNo,
    Ethnicity,
    Nationality,
    Address,  // province -> ward (2-level, from the portal's administrative units) + a detail line
};

// An address field X keeps its answer in parts (see docs/procedure-format.md):
//   X.tinh   province code           X.xa      ward code
//   X        the detail line (house number, street, thôn/tổ); the whole address when the
//            kiosk has no list of wards yet
//   X.tim    what is typed to find the ward (never filed)
//   X.day_du the whole address in words, set when the page is checked
inline constexpr const char* kAddressProvince = ".tinh";
inline constexpr const char* kAddressWard = ".xa";
inline constexpr const char* kAddressSearch = ".tim";
inline constexpr const char* kAddressFull = ".day_du";

struct ChoiceOption {
    std::string value;
    LocalText label;
};

// show_if: the page or field is shown only when another field's answer is one of `any_of`.
struct Condition {
    std::string field;
    std::vector<std::string> any_of;
};

struct FieldDef {
    std::string id;  // dotted, unique in the procedure: "child.name"
    FieldType type = FieldType::Text;
    LocalText label;
    LocalText hint;
    bool required = true;
    std::vector<ChoiceOption> options;
    std::optional<long long> min;  // Number bounds
    std::optional<long long> max;
    std::optional<int> min_age;  // Date: age in whole years on the day of filing
    std::optional<int> max_age;
    bool not_future = true;  // Date
    int max_length = 200;    // code points
    std::optional<Condition> show_if;
    std::string portal;     // dotted path inside DuLieuToKhai
    bool in_words = false;  // Date: also send the date written in words ("<portal>BangChu")
    // PersonName: also send the name split into họ / chữ đệm / tên at these paths (forms that
    // want them apart); all three empty = not split.
    std::string name_ho, name_chu_dem, name_ten;
    std::string prefill;  // filled from an ID card scan: "cccd.id_number", "cccd.full_name",
                          // "cccd.date_of_birth", "cccd.sex" (nam/nu), "cccd.address"
};

// A repeatable group: the page's fields are asked once per item ("Giấy tờ thứ 2"), and the
// resident may add items up to `max`. The answer of field X for item n (1-based) is kept under
// item_key(X, n): "document.name" for the first, "document.name#2" for the second...
struct RepeatDef {
    int min = 1;
    int max = 10;
    LocalText item_title;  // "Giấy tờ thứ {n}"
    LocalText add_label;   // "Thêm một giấy tờ khác"
    std::string portal;    // array path in DuLieuToKhai; field paths are inside each item
};

struct PageDef {
    std::string id;
    LocalText title;
    LocalText help;
    std::vector<FieldDef> fields;
    std::optional<Condition> show_if;
    std::optional<RepeatDef> repeat;
};

// The answer key of a field for one item of a repeatable group (item 1 is the plain id).
inline std::string item_key(const std::string& field_id, int item) {
    return item <= 1 ? field_id : field_id + "#" + std::to_string(item);
}

enum class DocumentKind { Original, Copy, OriginalOrCopy, Show };

struct DocumentDef {
    LocalText name;
    DocumentKind kind = DocumentKind::Original;
    int count = 1;
    LocalText note;
};

// "Is this the right procedure?": answering `exit_when` leads to an exit page.
struct EligibilityQuestion {
    std::string id;
    LocalText question;
    bool exit_when_yes = false;
    LocalText exit_title;
    LocalText exit_body;
    std::string
        exit_procedure;  // [help] the code of the procedure to do instead, offered in one tap
};

// [help] The pictograms the procedure list draws (app/ui/screen_choose.cpp), by name.
inline constexpr const char* kProcedureIcons[] = {"baby", "rings", "cross",  "stamp", "pen",
                                                  "copy", "house", "pencil", "heart", "person"};

struct Procedure {
    std::string code;  // national MaTTHC, e.g. "1.001193"
    LocalText name;
    LocalText description;
    std::vector<LocalText> everyday_names;
    std::string category;
    // [help] The list of procedures: most used first (rank 1), a pictogram, one everyday line.
    int rank = 100;
    std::string icon;  // one of kProcedureIcons, or "" (a plain document)
    LocalText tagline;
    // [/help]
    LocalText authority;
    int working_days = 0;  // 0 = result the same day (15:00 rule)
    LocalText processing_note;
    std::string fee_key;  // amount from configuration
    LocalText fee_note;
    std::vector<DocumentDef> documents;
    std::vector<EligibilityQuestion> eligibility;
    std::vector<PageDef> pages;
    bool guidance_only = false;  // explains where and how; files nothing
    LocalText guidance;
    std::string owner_field;  // answer used as ChuHoSo
    std::string phone_field;
    LocalText summary;  // TrichYeuHoSo template with {field.id}
    std::string source_file;

    const FieldDef* find_field(std::string_view field_id) const;
    // The field an answer key belongs to: the field itself, or the address field whose part it
    // is ("child.home.xa" -> "child.home"). Null when neither.
    const FieldDef* answer_owner(std::string_view answer_key) const;
    // The page holding this field, or null.
    const PageDef* page_of(std::string_view field_id) const;
};

}  // namespace motcua::core
