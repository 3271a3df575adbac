// [help] The physical keyboard and the scanner as SDL delivers them: keys become KeyText for the
// session's composers; a burst faster than a hand becomes a Scan, with or without Enter, and is
// never typed into a field.
#include "platform/sdl/input.h"

#include <SDL.h>
#include <imgui.h>

#include <catch2/catch.hpp>
#include <cstring>

using motcua::platform::InputTranslator;
namespace intent = motcua::core::intent;

namespace {

struct ImGuiContextGuard {
    ImGuiContextGuard() { ImGui::CreateContext(); }
    ~ImGuiContextGuard() { ImGui::DestroyContext(); }
};

SDL_Event text(const std::string& utf8) {
    SDL_Event event{};
    event.type = SDL_TEXTINPUT;
    std::strncpy(event.text.text, utf8.c_str(), sizeof event.text.text - 1);
    return event;
}

SDL_Event enter() {
    SDL_Event event{};
    event.type = SDL_KEYDOWN;
    event.key.keysym.sym = SDLK_RETURN;
    return event;
}

struct Keyboard {
    ImGuiContextGuard imgui;
    InputTranslator input;
    std::vector<motcua::core::Intent> intents;
    std::int64_t now = 1000;
    // Characters `gap_ms` apart, each its own SDL_TEXTINPUT, with frames in between as the loop
    // draws them.
    void type(const std::string& ascii, std::int64_t gap_ms) {
        for (char c : ascii) {
            input.handle(text(std::string(1, c)), now, intents);
            now += gap_ms;
            input.before_frame(now, intents);
        }
    }
    void settle() {
        now += 200;
        input.before_frame(now, intents);
    }
    std::string typed() const {
        std::string all;
        for (const auto& each : intents)
            if (const auto* keys = std::get_if<intent::KeyText>(&each)) all += keys->utf8;
        return all;
    }
    std::vector<std::string> scans() const {
        std::vector<std::string> all;
        for (const auto& each : intents)
            if (const auto* scan = std::get_if<intent::Scan>(&each)) all.push_back(scan->payload);
        return all;
    }
};

}  // namespace

TEST_CASE("keys typed by a person arrive as KeyText for the composer", "[integration][input]") {
    Keyboard keyboard;
    keyboard.type("Vieejt", 150);
    keyboard.settle();
    CHECK(keyboard.typed() == "Vieejt");
    CHECK(keyboard.scans().empty());
    for (const auto& each : keyboard.intents)  // never the on-screen keyboard's intent
        CHECK_FALSE(std::holds_alternative<intent::TypeText>(each));
}

TEST_CASE("an IME's composed word in one event is typing, not a scan", "[integration][input]") {
    Keyboard keyboard;
    keyboard.input.handle(text("Nguyễn Thị Hoà Bình"), keyboard.now, keyboard.intents);
    keyboard.settle();
    CHECK(keyboard.typed() == "Nguyễn Thị Hoà Bình");
    CHECK(keyboard.scans().empty());
}

TEST_CASE("a scanner burst ending in Enter is a scan", "[integration][input]") {
    Keyboard keyboard;
    const std::string payload = "001090123456||NGUYEN VAN A|01011990|Nam|Ha Noi|15042021";
    for (char c : payload) {
        keyboard.input.handle(text(std::string(1, c)), keyboard.now, keyboard.intents);
        keyboard.now += 2;
    }
    keyboard.input.handle(enter(), keyboard.now, keyboard.intents);
    keyboard.settle();
    CHECK(keyboard.scans() == std::vector<std::string>{payload});
    CHECK(keyboard.typed().empty());
}

TEST_CASE("a scanner burst without Enter is still a scan, never typed into a field",
          "[integration][input]") {
    Keyboard keyboard;
    keyboard.type("8934567890123", 3);  // a product barcode from a scanner set to no suffix
    keyboard.settle();
    CHECK(keyboard.scans() == std::vector<std::string>{"8934567890123"});
    CHECK(keyboard.typed().empty());
}

TEST_CASE("a short fast run is typing (two keys pressed together)", "[integration][input]") {
    Keyboard keyboard;
    keyboard.type("as", 5);
    keyboard.settle();
    CHECK(keyboard.typed() == "as");
    CHECK(keyboard.scans().empty());
}
