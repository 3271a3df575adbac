#include "core/json/strict_reader.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "core/text/utf8.h"

namespace motcua::core::strict_json {

namespace {

constexpr std::size_t MaxKeyBytesInPath = 64;

// True when every code point is below U+0300 or in Latin Extended Additional (U+1E00-U+1EFF,
// every Vietnamese letter with its tone mark): such text is NFC (all these characters have
// NFC_Quick_Check=Yes and combining class 0). Nearly every string we read is like this, and
// skipping utf8proc's decompose-recompose for them makes reading the ward list ~8x faster.
// The lexer has already checked that the text is valid UTF-8.
bool surely_nfc(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) continue;
        if (c >= 0xC2 && c < 0xCC && i + 1 < text.size()) {  // two bytes, U+0080-U+02FF
            ++i;
            continue;
        }
        if (c == 0xE1 && i + 2 < text.size()) {  // E1 B8..BB xx: U+1E00-U+1EFF
            const auto second = static_cast<unsigned char>(text[i + 1]);
            if (second >= 0xB8 && second <= 0xBB) {
                i += 2;
                continue;
            }
        }
        return false;
    }
    return true;
}

// Builds the value from nlohmann's SAX events. nlohmann's SAX parser keeps its own state on a
// heap stack (not recursion), so counting depth here bounds everything that comes after.
class Builder : public nlohmann::json_sax<Value> {
public:
    explicit Builder(const Limits& limits) : m_limits(limits) {}

    Parsed take() && {
        Parsed parsed;
        parsed.fatal = std::move(m_fatal);
        parsed.problems = std::move(m_problems);
        if (!parsed.fatal) parsed.value = std::move(m_root);
        return parsed;
    }

    bool null() override { return add(Value(nullptr)) != nullptr; }
    bool boolean(bool value) override { return add(Value(value)) != nullptr; }
    bool number_integer(number_integer_t value) override { return add(Value(value)) != nullptr; }
    bool number_unsigned(number_unsigned_t value) override { return add(Value(value)) != nullptr; }
    bool number_float(number_float_t value, const string_t& token) override {
        // nlohmann reports an overflow to parse_error itself; this is the belt to its braces.
        if (!std::isfinite(value)) return fatal(child_path(), "number out of range: " + token);
        return add(Value(value)) != nullptr;
    }
    bool string(string_t& value) override {
        if (!check_text(value)) m_problems.push_back({child_path(), NotNfc});
        return add(Value(std::move(value))) != nullptr;
    }
    bool binary(binary_t&) override { return fatal(child_path(), "binary values are not JSON"); }

    bool start_object(std::size_t) override { return open(Value::object(), true); }
    bool key(string_t& name) override {
        Frame& frame = m_stack.back();
        if (!check_text(name)) m_problems.push_back({member_path(path_of_top(), name), NotNfc});
        if (frame.value->contains(name))
            m_problems.push_back({member_path(path_of_top(), name),
                                  "this key appears twice in one object; the second would "
                                  "silently replace the first, keep one"});
        frame.key = std::move(name);
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(Value::array(), false); }
    bool end_array() override { return close(); }

    bool parse_error(std::size_t position, const std::string& token,
                     const nlohmann::detail::exception& error) override {
        if (m_fatal) return false;  // our own refusal (depth) stopped the parser
        std::string what;
        if (error.id == 406) {
            what = "number out of range: " + shorten(token);
        } else {
            // Where a syntax error sits in the tree is a guess; the byte offset is not.
            return fatal(
                "$", "not valid JSON at byte " + std::to_string(position) + ": " + error.what());
        }
        return fatal(child_path(), std::move(what));
    }

private:
    struct Frame {
        Value* value = nullptr;
        bool object = false;
        std::string key;  // the key whose value is being read (objects)
    };

    bool open(Value container, bool object) {
        if (m_stack.size() >= m_limits.max_depth)
            return fatal(child_path(),
                         "nested deeper than " + std::to_string(m_limits.max_depth) + " levels");
        Value* slot = add(std::move(container));
        if (!slot) return false;
        m_stack.push_back({slot, object, {}});
        return true;
    }
    bool close() {
        m_stack.pop_back();
        return true;
    }

    // Places a value at the current position; returns where it now lives.
    Value* add(Value value) {
        if (m_stack.empty()) {
            m_root = std::move(value);
            return &m_root;
        }
        Frame& frame = m_stack.back();
        if (frame.object) {
            Value& slot = (*frame.value)[frame.key];
            slot = std::move(value);
            return &slot;
        }
        frame.value->push_back(std::move(value));
        return &frame.value->back();
    }

    // False when `text` breaks the policy; paths are built only then (they cost a walk of the
    // stack, too much for every string of a 300 KB ward list).
    bool check_text(string_t& text) {
        if (surely_nfc(text) || is_nfc(text)) return true;
        if (m_limits.strings == Strings::NormaliseToNfc) {
            text = to_nfc(text);
            return true;
        }
        return false;
    }
    static constexpr const char* NotNfc = "text must be valid UTF-8 in NFC (composed Vietnamese)";

    bool fatal(std::string path, std::string what) {
        if (!m_fatal) m_fatal = Problem{std::move(path), std::move(what)};
        return false;
    }

    // The path of the container on top of the stack.
    std::string path_of_top() const {
        std::string path = "$";
        for (std::size_t i = 0; i + 1 < m_stack.size(); ++i) path = step(path, i, true);
        return path;
    }
    // The path of the value about to be read.
    std::string child_path() const {
        if (m_stack.empty()) return "$";
        return step(path_of_top(), m_stack.size() - 1, false);
    }
    // One step down from frame i: into its open child (`open`) or its next one.
    std::string step(const std::string& path, std::size_t i, bool open) const {
        const Frame& frame = m_stack[i];
        if (frame.object) return member_path(path, frame.key);
        const std::size_t size = frame.value->size();
        return index_path(path, open && size > 0 ? size - 1 : size);
    }

    static std::string shorten(const std::string& token) {
        return token.size() > 40 ? token.substr(0, 40) + "..." : token;
    }

    const Limits& m_limits;
    Value m_root;
    std::vector<Frame> m_stack;
    std::optional<Problem> m_fatal;
    std::vector<Problem> m_problems;
};

}  // namespace

Parsed parse(std::string_view text, const Limits& limits) {
    Builder builder(limits);
    try {
        Value::sax_parse(text, &builder);
    } catch (const std::exception& error) {
        // sax_parse reports through parse_error; anything else (bad_alloc) is refused too.
        Parsed parsed = std::move(builder).take();
        if (!parsed.fatal)
            parsed.fatal = Problem{"$", std::string("cannot be read: ") + error.what()};
        parsed.value = nullptr;
        return parsed;
    }
    return std::move(builder).take();
}

Result<Value> read(std::string_view text, const Limits& limits) {
    Parsed parsed = parse(text, limits);
    if (parsed.fatal) return make_error("json_invalid", parsed.fatal->text());
    if (!parsed.problems.empty()) return make_error("json_invalid", parsed.problems.front().text());
    return std::move(parsed.value);
}

std::string member_path(std::string_view path, std::string_view key) {
    std::string out(path);
    out += '.';
    std::size_t shown = 0;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const auto c = static_cast<unsigned char>(key[i]);
        if (shown >= MaxKeyBytesInPath && (c & 0xC0) != 0x80) {
            out += "...";
            break;
        }
        if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
        ++shown;
    }
    if (key.empty()) out += "\"\"";
    return out;
}

std::string index_path(std::string_view path, std::size_t index) {
    return std::string(path) + "[" + std::to_string(index) + "]";
}

}  // namespace motcua::core::strict_json
