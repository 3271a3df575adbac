#include "platform/sdl/display.h"

#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "platform/render/rasterizer.h"
#include "platform/system/log.h"

namespace motcua::platform {

namespace {

void clear_colour(ImU32 c, float out[4]) {
    out[0] = static_cast<float>((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f;
    out[1] = static_cast<float>((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f;
    out[2] = static_cast<float>((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f;
    out[3] = 1.0f;
}

// SDL_Renderer-based display: a window's software renderer, or an off-screen surface.
class RendererDisplay final : public Display {
public:
    RendererDisplay(SDL_Window* window, SDL_Surface* surface, SDL_Renderer* renderer)
        : m_window(window), m_surface(surface), m_renderer(renderer) {
        ImGui_ImplSDLRenderer_Init(m_renderer);
    }
    ~RendererDisplay() override {
        ImGui_ImplSDLRenderer_Shutdown();
        if (m_font_texture) SDL_DestroyTexture(m_font_texture);
        SDL_DestroyRenderer(m_renderer);
        if (m_surface) SDL_FreeSurface(m_surface);
        if (m_window) SDL_DestroyWindow(m_window);
    }
    // The backend's own font upload goes through two RGBA copies of the atlas (2 × 16 MB for
    // every text size); this one converts the 8-bit atlas row by row straight into the texture,
    // then frees ImGui's copy. The backend's NewFrame only creates that texture, so it is skipped.
    void new_frame() override {
        if (m_font_texture) return;
        ImGuiIO& io = ImGui::GetIO();
        unsigned char* alpha = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsAlpha8(&alpha, &width, &height);
        m_font_texture = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ARGB8888,
                                           SDL_TEXTUREACCESS_STATIC, width, height);
        if (!m_font_texture) {
            ImGui_ImplSDLRenderer_NewFrame();  // let the backend try its way
            return;
        }
        constexpr int Band = 64;  // rows converted at a time: 256 KiB per 1024-px row band
        std::vector<Uint32> band(static_cast<std::size_t>(width) * Band);
        for (int y = 0; y < height; y += Band) {
            const int rows = std::min(Band, height - y);
            const unsigned char* source = alpha + static_cast<std::size_t>(y) * width;
            for (std::size_t i = 0; i < static_cast<std::size_t>(rows) * width; ++i)
                band[i] = (Uint32(source[i]) << 24) | 0x00FFFFFFu;
            SDL_Rect area{0, y, width, rows};
            SDL_UpdateTexture(m_font_texture, &area, band.data(), width * 4);
        }
        SDL_SetTextureBlendMode(m_font_texture, SDL_BLENDMODE_BLEND);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(m_font_texture));
        io.Fonts->ClearTexData();
    }
    void present(ImDrawData* data, ImU32 clear) override {
        float c[4];
        clear_colour(clear, c);
        SDL_SetRenderDrawColor(m_renderer, static_cast<Uint8>(c[0] * 255),
                               static_cast<Uint8>(c[1] * 255), static_cast<Uint8>(c[2] * 255), 255);
        SDL_RenderClear(m_renderer);
        ImGui_ImplSDLRenderer_RenderDrawData(data);
        SDL_RenderPresent(m_renderer);
        ++m_frames;
    }
    int width() const override {
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(m_renderer, &w, &h);
        return w;
    }
    int height() const override {
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(m_renderer, &w, &h);
        return h;
    }
    bool read_pixels(std::vector<unsigned char>& rgba) override {
        const int w = width(), h = height();
        rgba.assign(static_cast<std::size_t>(w) * h * 4, 0);
        return SDL_RenderReadPixels(m_renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, rgba.data(),
                                    w * 4) == 0;
    }
    std::string renderer_name() const override {
        return m_window ? "software (window)" : "software (headless)";
    }
    SDL_Window* window() const override { return m_window; }

private:
    SDL_Window* m_window;
    SDL_Surface* m_surface;
    SDL_Renderer* m_renderer;
    SDL_Texture* m_font_texture = nullptr;
};

class OpenGlDisplay final : public Display {
public:
    OpenGlDisplay(SDL_Window* window, SDL_GLContext context)
        : m_window(window), m_context(context) {
        ImGui_ImplOpenGL3_Init("#version 130");
    }
    ~OpenGlDisplay() override {
        ImGui_ImplOpenGL3_Shutdown();
        SDL_GL_DeleteContext(m_context);
        SDL_DestroyWindow(m_window);
    }
    void new_frame() override { ImGui_ImplOpenGL3_NewFrame(); }
    void present(ImDrawData* data, ImU32 clear) override {
        float c[4];
        clear_colour(clear, c);
        glViewport(0, 0, width(), height());
        glClearColor(c[0], c[1], c[2], c[3]);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(data);
        SDL_GL_SwapWindow(m_window);
        ++m_frames;
    }
    int width() const override {
        int w = 0, h = 0;
        SDL_GL_GetDrawableSize(m_window, &w, &h);
        return w;
    }
    int height() const override {
        int w = 0, h = 0;
        SDL_GL_GetDrawableSize(m_window, &w, &h);
        return h;
    }
    bool read_pixels(std::vector<unsigned char>& rgba) override {
        const int w = width(), h = height();
        std::vector<unsigned char> flipped(static_cast<std::size_t>(w) * h * 4);
        glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, flipped.data());
        rgba.resize(flipped.size());
        for (int y = 0; y < h; ++y)
            std::copy_n(&flipped[static_cast<std::size_t>(h - 1 - y) * w * 4], w * 4,
                        &rgba[static_cast<std::size_t>(y) * w * 4]);
        return true;
    }
    std::string renderer_name() const override { return "OpenGL 3"; }
    SDL_Window* window() const override { return m_window; }

private:
    SDL_Window* m_window;
    SDL_GLContext m_context;
};

// Ours: platform/render/ draws into memory; a window gets only the changed tiles, copied into
// its surface and presented with SDL_UpdateWindowSurfaceRects.
class OursDisplay final : public Display {
public:
    OursDisplay(SDL_Window* window, int width, int height)
        : m_window(window), m_raster(width, height) {}
    ~OursDisplay() override {
        if (m_source) SDL_FreeSurface(m_source);
        if (m_window) SDL_DestroyWindow(m_window);
    }
    void new_frame() override {
        if (m_window) {
            // The window surface can change (resize, fullscreen): then every tile is drawn again.
            SDL_Surface* surface = SDL_GetWindowSurface(m_window);
            if (surface && (surface->w != m_raster.width() || surface->h != m_raster.height())) {
                m_raster.resize(surface->w, surface->h);
                if (m_source) SDL_FreeSurface(m_source);
                m_source = nullptr;
            }
        }
        ImGuiIO& io = ImGui::GetIO();
        if (m_have_texture && io.Fonts->TexID == texture_id()) return;
        unsigned char* alpha = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsAlpha8(&alpha, &width, &height);
        m_raster.set_alpha_texture(texture_id(), alpha, width, height);
        io.Fonts->SetTexID(texture_id());
        io.Fonts->ClearTexData();  // the rasteriser keeps its own 8-bit copy
        m_have_texture = true;
    }
    void present(ImDrawData* data, ImU32 clear) override {
        const auto& damage = m_raster.render(data, clear);
        ++m_frames;
        if (!m_window || damage.empty()) return;
        SDL_Surface* surface = SDL_GetWindowSurface(m_window);
        if (!surface) return;
        if (!m_source) {
            m_source = SDL_CreateRGBSurfaceWithFormatFrom(
                const_cast<std::uint32_t*>(m_raster.pixels()), m_raster.width(), m_raster.height(),
                32, m_raster.width() * 4, SDL_PIXELFORMAT_ABGR8888);
            if (!m_source) return;
            SDL_SetSurfaceBlendMode(m_source, SDL_BLENDMODE_NONE);
        }
        m_rects.clear();
        for (const auto& r : damage) {
            SDL_Rect rect{r.x0, r.y0, r.width(), r.height()};
            SDL_Rect target = rect;
            SDL_BlitSurface(m_source, &rect, surface, &target);
            m_rects.push_back(rect);
        }
        SDL_UpdateWindowSurfaceRects(m_window, m_rects.data(), static_cast<int>(m_rects.size()));
    }
    int width() const override { return m_raster.width(); }
    int height() const override { return m_raster.height(); }
    bool read_pixels(std::vector<unsigned char>& rgba) override {
        rgba.resize(static_cast<std::size_t>(m_raster.width()) * m_raster.height() * 4);
        // A window: what was presented (so screenshots show the damage really reached the screen).
        if (SDL_Surface* surface = m_window ? SDL_GetWindowSurface(m_window) : nullptr;
            surface && surface->w == m_raster.width() && surface->h == m_raster.height()) {
            return SDL_ConvertPixels(surface->w, surface->h, surface->format->format,
                                     surface->pixels, surface->pitch, SDL_PIXELFORMAT_ABGR8888,
                                     rgba.data(), surface->w * 4) == 0;
        }
        std::memcpy(rgba.data(), m_raster.pixels(),
                    rgba.size());  // IM_COL32 layout: bytes R, G, B, A
        return true;
    }
    std::string renderer_name() const override {
        return m_window ? "ours (window)" : "ours (headless)";
    }
    SDL_Window* window() const override { return m_window; }
    void invalidate() override { m_raster.invalidate(); }
    void expose() override {
        if (m_window && m_source) SDL_UpdateWindowSurface(m_window);
    }
    const render::FrameStats* render_stats() const override { return &m_raster.stats(); }

private:
    ImTextureID texture_id() { return reinterpret_cast<ImTextureID>(&m_raster); }

    SDL_Window* m_window;
    render::Rasterizer m_raster;
    SDL_Surface* m_source = nullptr;  // wraps the rasteriser's pixels for blitting
    std::vector<SDL_Rect> m_rects;
    bool m_have_texture = false;
};

// Mesa's software rasterisers: a "GPU" that is the CPU, slower than ours for this UI.
bool is_software_gl(const char* renderer) {
    if (!renderer) return true;
    const std::string name = renderer;
    for (const char* software : {"llvmpipe", "softpipe", "Software Rasterizer", "SWR"})
        if (name.find(software) != std::string::npos) return true;
    return false;
}

}  // namespace

bool parse_renderer_choice(const std::string& name, RendererChoice& choice) {
    if (name == "auto")
        choice = RendererChoice::Auto;
    else if (name == "ours")
        choice = RendererChoice::Ours;
    else if (name == "sdl")
        choice = RendererChoice::Sdl;
    else if (name == "gl")
        choice = RendererChoice::OpenGl;
    else
        return false;
    return true;
}

core::Result<std::unique_ptr<Display>> open_window(const DisplayOptions& options) {
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (options.renderer == RendererChoice::Auto || options.renderer == RendererChoice::OpenGl) {
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
        SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
        SDL_Window* window =
            SDL_CreateWindow("Motcua", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                             options.width, options.height, flags | SDL_WINDOW_OPENGL);
        if (window) {
            if (SDL_GLContext context = SDL_GL_CreateContext(window)) {
                SDL_GL_MakeCurrent(window, context);
                const char* gl_renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
                if (options.renderer == RendererChoice::OpenGl || !is_software_gl(gl_renderer)) {
                    SDL_GL_SetSwapInterval(1);
                    return std::unique_ptr<Display>(new OpenGlDisplay(window, context));
                }
                log_info("renderer_choice", std::string("OpenGL is ") +
                                                (gl_renderer ? gl_renderer : "unknown") +
                                                ", a software rasteriser: drawing with ours");
                SDL_GL_DeleteContext(context);
            }
            SDL_DestroyWindow(window);  // no OpenGL 3 here, or only in software: ours
        }
    }
    SDL_Window* window = SDL_CreateWindow("Motcua", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                          options.width, options.height, flags);
    if (!window)
        return core::make_error("display_unavailable",
                                std::string("SDL_CreateWindow: ") + SDL_GetError());
    if (options.renderer != RendererChoice::Sdl) {
        SDL_Surface* surface = SDL_GetWindowSurface(window);
        if (surface)
            return std::unique_ptr<Display>(new OursDisplay(window, surface->w, surface->h));
        log_warning("renderer_choice",
                    std::string("no window surface (") + SDL_GetError() + "): SDL's renderer");
    }
    SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer) {
        std::string error = SDL_GetError();
        SDL_DestroyWindow(window);
        return core::make_error("display_unavailable", "SDL_CreateRenderer(software): " + error);
    }
    return std::unique_ptr<Display>(new RendererDisplay(window, nullptr, renderer));
}

core::Result<std::unique_ptr<Display>> open_headless(int width, int height, RendererChoice choice) {
    if (choice != RendererChoice::Sdl)
        return std::unique_ptr<Display>(new OursDisplay(nullptr, width, height));
    SDL_Surface* surface =
        SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!surface)
        return core::make_error("display_unavailable",
                                std::string("SDL_CreateRGBSurface: ") + SDL_GetError());
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    if (!renderer) {
        SDL_FreeSurface(surface);
        return core::make_error("display_unavailable",
                                std::string("SDL_CreateSoftwareRenderer: ") + SDL_GetError());
    }
    return std::unique_ptr<Display>(new RendererDisplay(nullptr, surface, renderer));
}

core::Status write_png(const std::string& path, int width, int height,
                       const std::vector<unsigned char>& rgba) {
    if (rgba.size() < static_cast<std::size_t>(width) * height * 4)
        return core::make_error("screenshot_failed", path + ": no pixels");
    if (!stbi_write_png(path.c_str(), width, height, 4, rgba.data(), width * 4))
        return core::make_error("screenshot_failed", "could not write " + path);
    return core::Ok{};
}

}  // namespace motcua::platform
