// Index
// [SECTION] Pixels: blending and hashing
// [SECTION] Collecting primitives: rectangles recognised, the rest as triangles
// [SECTION] Rectangles: fills and texture copies
// [SECTION] Triangles: fixed-point edge functions, top-left rule, interpolation
// [SECTION] Convex polygons: fans of one colour, row by row
// [SECTION] Frames: tiles, damage, runs to present
#include "platform/render/rasterizer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace motcua::platform::render {

namespace {

// [SECTION] Pixels: blending and hashing

constexpr std::uint32_t Opaque = 0xFF000000u;

// x / 255 for x in [0, 255 * 255], rounded, on two 16-bit lanes at once (R and B), or one (G).
inline std::uint32_t div255_rb(std::uint32_t x) {
    return ((x + 0x00800080u + ((x >> 8) & 0x00FF00FFu)) >> 8) & 0x00FF00FFu;
}
inline std::uint32_t div255_g(std::uint32_t x) {
    return ((x + 0x00008000u + ((x >> 8) & 0x0000FF00u)) >> 8) & 0x0000FF00u;
}
inline std::uint32_t mul255(std::uint32_t a, std::uint32_t b) {  // a * b / 255, rounded
    const std::uint32_t x = a * b + 128;
    return (x + (x >> 8)) >> 8;
}

// Straight-alpha "over": dst = src * a + dst * (1 - a). The frame stays opaque.
inline std::uint32_t blend(std::uint32_t dst, std::uint32_t src, std::uint32_t alpha) {
    const std::uint32_t inverse = 255 - alpha;
    const std::uint32_t rb = (src & 0x00FF00FFu) * alpha + (dst & 0x00FF00FFu) * inverse;
    const std::uint32_t g = (src & 0x0000FF00u) * alpha + (dst & 0x0000FF00u) * inverse;
    return Opaque | div255_rb(rb) | div255_g(g);
}

// Blending many pixels with one colour: the source side is computed once.
struct SolidBlend {
    std::uint32_t rb, g, inverse;
    SolidBlend(std::uint32_t colour, std::uint32_t alpha)
        : rb((colour & 0x00FF00FFu) * alpha), g((colour & 0x0000FF00u) * alpha), inverse(255 - alpha) {}
    std::uint32_t operator()(std::uint32_t dst) const {
        return Opaque | div255_rb(rb + (dst & 0x00FF00FFu) * inverse) | div255_g(g + (dst & 0x0000FF00u) * inverse);
    }
};

inline std::uint64_t mix(std::uint64_t h, std::uint64_t x) {
    h ^= x + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

inline std::uint64_t hash_vertex(std::uint64_t h, const ImDrawVert& v) {
    std::uint32_t words[5];
    static_assert(sizeof(ImDrawVert) == sizeof words);
    std::memcpy(words, &v, sizeof words);
    h = mix(h, (std::uint64_t(words[0]) << 32) | words[1]);
    h = mix(h, (std::uint64_t(words[2]) << 32) | words[3]);
    return mix(h, words[4]);
}

inline PixelRect intersect(const PixelRect& a, const PixelRect& b) {
    return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}
inline bool empty(const PixelRect& r) { return r.x0 >= r.x1 || r.y0 >= r.y1; }

// Pixels whose centre lies in [lo, hi): the same rule the triangle edges follow.
inline int first_centre(float lo) { return static_cast<int>(std::ceil(lo - 0.5f)); }

inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {  // b > 0
    std::int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}
inline std::int64_t ceil_div(std::int64_t a, std::int64_t b) {  // b > 0
    std::int64_t q = a / b;
    return (a % b != 0 && a > 0) ? q + 1 : q;
}

struct Texture {
    const unsigned char* alpha;
    int width, height;
    // Truncation is floor here: anything below 0 clamps to texel 0 either way.
    int column(float u) const { return std::clamp(static_cast<int>(u * static_cast<float>(width)), 0, width - 1); }
    int row(float v) const { return std::clamp(static_cast<int>(v * static_cast<float>(height)), 0, height - 1); }
    std::uint32_t at(float u, float v) const { return alpha[static_cast<std::size_t>(row(v)) * width + column(u)]; }
};

// [SECTION] Rectangles: fills and texture copies

void fill_rect(std::uint32_t* pixels, int stride, const PixelRect& r, std::uint32_t colour, std::uint32_t alpha) {
    if (alpha == 0) return;
    if (alpha == 255) {
        const std::uint32_t c = colour | Opaque;
        for (int y = r.y0; y < r.y1; ++y) std::fill_n(pixels + static_cast<std::size_t>(y) * stride + r.x0, r.width(), c);
        return;
    }
    const SolidBlend over(colour, alpha);
    for (int y = r.y0; y < r.y1; ++y) {
        std::uint32_t* row = pixels + static_cast<std::size_t>(y) * stride;
        for (int x = r.x0; x < r.x1; ++x) row[x] = over(row[x]);
    }
}

// A rectangle of the alpha texture, mapped linearly from corner a to corner c, nearest texel.
void copy_rect(std::uint32_t* pixels, int stride, const PixelRect& r, const ImDrawVert& a, const ImDrawVert& c,
               const Texture& texture) {
    const std::uint32_t colour = a.col & 0x00FFFFFFu, vertex_alpha = a.col >> 24;
    if (vertex_alpha == 0) return;
    const float du = (c.uv.x - a.uv.x) / (c.pos.x - a.pos.x), dv = (c.uv.y - a.uv.y) / (c.pos.y - a.pos.y);
    int columns[Rasterizer::TileSize];
    const int width = std::min(r.width(), Rasterizer::TileSize);
    for (int i = 0; i < width; ++i)
        columns[i] = texture.column(a.uv.x + (static_cast<float>(r.x0 + i) + 0.5f - a.pos.x) * du);
    for (int y = r.y0; y < r.y1; ++y) {
        const int texture_row = texture.row(a.uv.y + (static_cast<float>(y) + 0.5f - a.pos.y) * dv);
        const unsigned char* source = texture.alpha + static_cast<std::size_t>(texture_row) * texture.width;
        std::uint32_t* row = pixels + static_cast<std::size_t>(y) * stride + r.x0;
        for (int i = 0; i < width; ++i) {
            const std::uint32_t t = source[columns[i]];
            if (t == 0) continue;
            const std::uint32_t alpha = vertex_alpha == 255 ? t : mul255(t, vertex_alpha);
            row[i] = alpha == 255 ? (colour | Opaque) : blend(row[i], colour, alpha);
        }
    }
}

// [SECTION] Triangles: fixed-point edge functions, top-left rule, interpolation

constexpr int SubBits = 8;  // 1/256 pixel
constexpr std::int64_t Sub = 1 << SubBits;
constexpr std::int64_t Half = Sub / 2;

// One edge's bound on the pixels of successive rows, without a division per row. The edge runs
// from (ax, ay) by (dx, dy) in fixed point; a pixel centre p is inside when
// E(p) = dx * (p.y - ay) - dy * (p.x - ax) >= bias. On row y, with k = dx * (py - ay) + dy * ax:
//  dy > 0: pixels x < floor((k - bias - dy * Half) / (dy * Sub)) + 1 (a right bound);
//  dy < 0: pixels x >= -floor((k - bias - dy * Half) / (-dy * Sub)) (a left bound);
//  dy = 0: the whole row when dx * (py - ay) >= bias, else none.
// k grows by dx * Sub a row, so the quotient is stepped with its remainder.
struct EdgeWalk {
    std::int64_t dx = 0, dy = 0, ay = 0, bias = 0;
    std::int64_t q = 0, rem = 0, q_step = 0, rem_step = 0, divisor = 1, py = 0;

    EdgeWalk() = default;
    EdgeWalk(std::int64_t ax_, std::int64_t ay_, std::int64_t dx_, std::int64_t dy_, int first_row)
        : dx(dx_), dy(dy_), ay(ay_) {
        bias = (dy < 0 || (dy == 0 && dx > 0)) ? 0 : 1;
        py = static_cast<std::int64_t>(first_row) * Sub + Half;
        if (dy == 0) return;
        divisor = (dy > 0 ? dy : -dy) * Sub;
        const std::int64_t numerator = dx * (py - ay) + dy * ax_ - bias - dy * Half;
        q = floor_div(numerator, divisor);
        rem = numerator - q * divisor;
        const std::int64_t step = dx * Sub;
        q_step = floor_div(step, divisor);
        rem_step = step - q_step * divisor;
    }
    // Narrows [left, right) to this row's pixels inside the edge, then moves to the next row.
    void apply(int& left, int& right) {
        if (dy > 0) right = static_cast<int>(std::min<std::int64_t>(right, q + 1));
        else if (dy < 0) left = static_cast<int>(std::max<std::int64_t>(left, -q));
        else if (dx * (py - ay) < bias) right = left;
        q += q_step;
        rem += rem_step;
        if (rem >= divisor) rem -= divisor, ++q;
        py += Sub;
    }
};

// An attribute as an affine function of the pixel position: f(x, y) = at0 + dx * x + dy * y.
struct Plane {
    float dx = 0, dy = 0, at0 = 0;
    Plane() = default;
    Plane(const float x[3], const float y[3], float f0, float f1, float f2, float det) {
        dx = ((f1 - f0) * (y[2] - y[0]) - (f2 - f0) * (y[1] - y[0])) / det;
        dy = ((f2 - f0) * (x[1] - x[0]) - (f1 - f0) * (x[2] - x[0])) / det;
        at0 = f0 - dx * x[0] - dy * y[0];
    }
    float at(float px, float py) const { return at0 + dx * px + dy * py; }
};

inline std::uint32_t channel(float value) {
    return static_cast<std::uint32_t>(std::clamp(static_cast<int>(value + 0.5f), 0, 255));
}

void draw_triangle(std::uint32_t* pixels, int stride, const PixelRect& scissor, const ImDrawVert* const v_in[3],
                   bool textured, const Texture& texture) {
    const ImDrawVert* v[3] = {v_in[0], v_in[1], v_in[2]};
    auto fixed = [](float f) { return static_cast<std::int64_t>(std::lround(std::clamp(f, -32768.0f, 32768.0f) * Sub)); };
    std::int64_t X[3], Y[3];
    for (int i = 0; i < 3; ++i) X[i] = fixed(v[i]->pos.x), Y[i] = fixed(v[i]->pos.y);
    std::int64_t area = (X[1] - X[0]) * (Y[2] - Y[0]) - (Y[1] - Y[0]) * (X[2] - X[0]);
    if (area == 0) return;
    if (area < 0) {
        std::swap(v[1], v[2]);
        std::swap(X[1], X[2]);
        std::swap(Y[1], Y[2]);
        area = -area;
    }
    const std::int64_t min_y = std::min({Y[0], Y[1], Y[2]}), max_y = std::max({Y[0], Y[1], Y[2]});
    const int row0 = std::max(scissor.y0, static_cast<int>(ceil_div(min_y - Half, Sub)));
    const int row1 = std::min(scissor.y1, static_cast<int>(floor_div(max_y - Half, Sub)) + 1);
    if (row0 >= row1) return;

    // What varies across the triangle decides the inner loop.
    const bool same_colour = v[0]->col == v[1]->col && v[1]->col == v[2]->col;
    const bool same_uv = !textured || (v[0]->uv.x == v[1]->uv.x && v[0]->uv.x == v[2]->uv.x &&
                                       v[0]->uv.y == v[1]->uv.y && v[0]->uv.y == v[2]->uv.y);
    float fx[3], fy[3];
    for (int i = 0; i < 3; ++i) fx[i] = static_cast<float>(X[i]) / Sub, fy[i] = static_cast<float>(Y[i]) / Sub;
    const float det = static_cast<float>(area) / (Sub * Sub);
    Plane planes[6];  // r, g, b, a, u, v
    if (!same_colour)
        for (int c = 0; c < 4; ++c) {
            auto value = [&](int i) { return static_cast<float>((v[i]->col >> (8 * c)) & 0xFF); };
            planes[c] = Plane(fx, fy, value(0), value(1), value(2), det);
        }
    if (!same_uv) {
        planes[4] = Plane(fx, fy, v[0]->uv.x, v[1]->uv.x, v[2]->uv.x, det);
        planes[5] = Plane(fx, fy, v[0]->uv.y, v[1]->uv.y, v[2]->uv.y, det);
    }
    const std::uint32_t solid_colour = v[0]->col & 0x00FFFFFFu;
    std::uint32_t solid_alpha = v[0]->col >> 24;
    if (same_uv && textured) solid_alpha = mul255(solid_alpha, texture.at(v[0]->uv.x, v[0]->uv.y));
    if (same_colour && same_uv && solid_alpha == 0) return;
    const SolidBlend solid_over(solid_colour, solid_alpha);

    // Edge i runs from vertex i to vertex i+1. With y pointing down and this winding, top edges
    // (dy == 0, dx > 0) and left edges (dy < 0) own the pixel centres they pass through.
    EdgeWalk edges[3];
    for (int i = 0; i < 3; ++i) {
        const int j = (i + 1) % 3;
        edges[i] = EdgeWalk(X[i], Y[i], X[j] - X[i], Y[j] - Y[i], row0);
    }
    for (int y = row0; y < row1; ++y) {
        int left = scissor.x0, right = scissor.x1;
        for (EdgeWalk& e : edges) e.apply(left, right);
        if (left >= right) continue;
        std::uint32_t* row = pixels + static_cast<std::size_t>(y) * stride;
        if (same_colour && same_uv) {
            if (solid_alpha == 255)
                std::fill(row + left, row + right, solid_colour | Opaque);
            else
                for (int x = left; x < right; ++x) row[x] = solid_over(row[x]);
            continue;
        }
        const float cx = static_cast<float>(left) + 0.5f, cy = static_cast<float>(y) + 0.5f;
        if (same_colour) {
            // One colour through the texture (ImGui's anti-aliased thick lines): texel steps only.
            const float w = static_cast<float>(texture.width), h = static_cast<float>(texture.height);
            float tu = planes[4].at(cx, cy) * w, tv = planes[5].at(cx, cy) * h;
            const float du = planes[4].dx * w, dv = planes[5].dx * h;
            const std::uint32_t vertex_alpha = v[0]->col >> 24;
            for (int x = left; x < right; ++x, tu += du, tv += dv) {
                const int column = std::clamp(static_cast<int>(tu), 0, texture.width - 1);
                const int texel_row = std::clamp(static_cast<int>(tv), 0, texture.height - 1);
                const std::uint32_t texel = texture.alpha[static_cast<std::size_t>(texel_row) * texture.width + column];
                if (texel == 0) continue;
                const std::uint32_t alpha = vertex_alpha == 255 ? texel : mul255(texel, vertex_alpha);
                row[x] = alpha == 255 ? (solid_colour | Opaque) : blend(row[x], solid_colour, alpha);
            }
            continue;
        }
        float r = 0, g = 0, b = 0, a = 0, u = 0, t = 0;
        if (!same_colour) r = planes[0].at(cx, cy), g = planes[1].at(cx, cy), b = planes[2].at(cx, cy), a = planes[3].at(cx, cy);
        if (!same_uv) u = planes[4].at(cx, cy), t = planes[5].at(cx, cy);
        for (int x = left; x < right; ++x) {
            std::uint32_t colour = solid_colour, alpha = v[0]->col >> 24;
            if (!same_colour) {
                colour = channel(r) | (channel(g) << 8) | (channel(b) << 16);
                alpha = channel(a);
                r += planes[0].dx, g += planes[1].dx, b += planes[2].dx, a += planes[3].dx;
            }
            if (!same_uv) {
                alpha = mul255(alpha, texture.at(u, t));
                u += planes[4].dx, t += planes[5].dx;
            } else if (textured) {
                alpha = mul255(alpha, texture.at(v[0]->uv.x, v[0]->uv.y));
            }
            if (alpha == 0) continue;
            row[x] = alpha == 255 ? (colour | Opaque) : blend(row[x], colour, alpha);
        }
    }
}


// [SECTION] Convex polygons: fans of one colour, row by row

// A convex polygon of one colour: per row, the span between the edges that cross it. The edge
// tests are the triangles' (same centres, same top-left rule), so a fan of triangles and the
// polygon it makes cover the same pixels.
constexpr int PolygonMax = 1024;

void draw_polygon(std::uint32_t* pixels, int stride, const PixelRect& scissor, const ImDrawVert* const* corners,
                  int count, bool textured, const Texture& texture) {
    std::int64_t X[PolygonMax], Y[PolygonMax];
    auto fixed = [](float f) { return static_cast<std::int64_t>(std::lround(std::clamp(f, -32768.0f, 32768.0f) * Sub)); };
    std::int64_t doubled_area = 0;
    for (int i = 0; i < count; ++i) X[i] = fixed(corners[i]->pos.x), Y[i] = fixed(corners[i]->pos.y);
    for (int i = 0; i < count; ++i) {
        const int j = (i + 1) % count;
        doubled_area += X[i] * Y[j] - X[j] * Y[i];
    }
    if (doubled_area == 0) return;
    const bool reversed = doubled_area < 0;
    std::uint32_t alpha = corners[0]->col >> 24;
    if (textured) alpha = mul255(alpha, texture.at(corners[0]->uv.x, corners[0]->uv.y));
    if (alpha == 0) return;
    const std::uint32_t colour = corners[0]->col & 0x00FFFFFFu;
    const std::int64_t min_y = *std::min_element(Y, Y + count), max_y = *std::max_element(Y, Y + count);
    const int row0 = std::max(scissor.y0, static_cast<int>(ceil_div(min_y - Half, Sub)));
    const int row1 = std::min(scissor.y1, static_cast<int>(floor_div(max_y - Half, Sub)) + 1);
    if (row0 >= row1 || row1 - row0 > Rasterizer::TileSize) return;
    int left[Rasterizer::TileSize], right[Rasterizer::TileSize];
    std::fill_n(left, row1 - row0, scissor.x0);
    std::fill_n(right, row1 - row0, scissor.x1);
    for (int i = 0; i < count; ++i) {
        int from = i, to = (i + 1) % count;
        if (reversed) std::swap(from, to);
        const std::int64_t ax = X[from], ay = Y[from], dx = X[to] - ax, dy = Y[to] - ay;
        if (dx == 0 && dy == 0) continue;
        // Only the rows whose centre lies within this edge's height.
        const int r0 = std::max(row0, static_cast<int>(ceil_div(std::min(ay, ay + dy) - Half, Sub)));
        const int r1 = std::min(row1, static_cast<int>(floor_div(std::max(ay, ay + dy) - Half, Sub)) + 1);
        if (r0 >= r1) continue;
        EdgeWalk edge(ax, ay, dx, dy, r0);
        for (int y = r0; y < r1; ++y) edge.apply(left[y - row0], right[y - row0]);
    }
    const SolidBlend over(colour, alpha);
    for (int y = row0; y < row1; ++y) {
        const int l = left[y - row0], r = right[y - row0];
        if (l >= r) continue;
        std::uint32_t* row = pixels + static_cast<std::size_t>(y) * stride;
        if (alpha == 255)
            std::fill(row + l, row + r, colour | Opaque);
        else
            for (int x = l; x < r; ++x) row[x] = over(row[x]);
    }
}

// Whether the corners, in order, turn the same way at every corner (a convex polygon).
bool convex(const std::vector<const ImDrawVert*>& corners, std::size_t first, std::size_t count) {
    int sign = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const ImVec2 a = corners[first + i]->pos, b = corners[first + (i + 1) % count]->pos,
                     c = corners[first + (i + 2) % count]->pos;
        const double turn = static_cast<double>(b.x - a.x) * (c.y - b.y) - static_cast<double>(b.y - a.y) * (c.x - b.x);
        const int s = turn > 0 ? 1 : turn < 0 ? -1 : 0;
        if (s == 0) continue;
        if (sign == 0) sign = s;
        else if (s != sign) return false;
    }
    return sign != 0;
}

}  // namespace

// [SECTION] Collecting primitives: rectangles recognised, the rest as triangles

Rasterizer::Rasterizer(int width, int height) { resize(width, height); }

void Rasterizer::resize(int width, int height) {
    m_width = std::max(1, width);
    m_height = std::max(1, height);
    m_tiles_x = (m_width + TileSize - 1) / TileSize;
    m_tiles_y = (m_height + TileSize - 1) / TileSize;
    m_pixels.assign(static_cast<std::size_t>(m_width) * m_height, Opaque);
    m_tile_primitives.assign(static_cast<std::size_t>(m_tiles_x) * m_tiles_y, {});
    m_tile_hash.assign(m_tile_primitives.size(), 0);
    m_last_tile_hash.assign(m_tile_primitives.size(), 0);
}

void Rasterizer::set_alpha_texture(ImTextureID id, const unsigned char* alpha, int width, int height) {
    m_texture_id = id;
    m_texture.assign(alpha, alpha + static_cast<std::size_t>(width) * height);
    m_texture_width = width;
    m_texture_height = height;
    invalidate();
}

void Rasterizer::invalidate() {
    // No frame hashes to this (the seed mixes the clear colour in first).
    std::fill(m_last_tile_hash.begin(), m_last_tile_hash.end(), 0);
}

void Rasterizer::collect(const ImDrawData* data) {
    m_primitives.clear();
    m_polygon_vertices.clear();
    const PixelRect screen{0, 0, m_width, m_height};
    const bool have_texture = !m_texture.empty();
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        for (const ImDrawCmd& command : list->CmdBuffer) {
            if (command.UserCallback) {
                if (command.UserCallback != ImDrawCallback_ResetRenderState) command.UserCallback(list, &command);
                continue;
            }
            const float cx0 = command.ClipRect.x - data->DisplayPos.x, cy0 = command.ClipRect.y - data->DisplayPos.y;
            const float cx1 = command.ClipRect.z - data->DisplayPos.x, cy1 = command.ClipRect.w - data->DisplayPos.y;
            // As the SDL_Renderer backend rounds it: origin truncated, then the size truncated.
            PixelRect clip{static_cast<int>(cx0), static_cast<int>(cy0), 0, 0};
            clip.x1 = clip.x0 + static_cast<int>(cx1 - cx0);
            clip.y1 = clip.y0 + static_cast<int>(cy1 - cy0);
            clip = intersect(clip, screen);
            if (empty(clip)) continue;
            const bool textured = have_texture && command.TextureId == m_texture_id;
            const ImDrawIdx* index = list->IdxBuffer.Data + command.IdxOffset;
            const ImDrawVert* vertices = list->VtxBuffer.Data + command.VtxOffset;
            const std::uint64_t seed = mix(mix(textured, (std::uint64_t(std::uint32_t(clip.x0)) << 32) | std::uint32_t(clip.y0)),
                                           (std::uint64_t(std::uint32_t(clip.x1)) << 32) | std::uint32_t(clip.y1));
            const unsigned count = command.ElemCount;
            for (unsigned i = 0; i + 3 <= count;) {
                const ImDrawVert& a = vertices[index[i]];
                const ImDrawVert& b = vertices[index[i + 1]];
                const ImDrawVert& c = vertices[index[i + 2]];
                Primitive p{Kind::Triangle, textured, clip, {}, {&a, &b, &c}, 0};
                // ImGui's quads: (a, b, c) then (a, c, d).
                if (i + 6 <= count && index[i + 3] == index[i] && index[i + 4] == index[i + 2]) {
                    const ImDrawVert& d = vertices[index[i + 5]];
                    const bool one_colour = a.col == b.col && b.col == c.col && c.col == d.col;
                    const bool rows_first = a.pos.y == b.pos.y && b.pos.x == c.pos.x && c.pos.y == d.pos.y && d.pos.x == a.pos.x;
                    const bool columns_first = a.pos.x == b.pos.x && b.pos.y == c.pos.y && c.pos.x == d.pos.x && d.pos.y == a.pos.y;
                    if (one_colour && (rows_first || columns_first)) {
                        const bool same_uv = !textured || (a.uv.x == b.uv.x && a.uv.x == c.uv.x && a.uv.x == d.uv.x &&
                                                           a.uv.y == b.uv.y && a.uv.y == c.uv.y && a.uv.y == d.uv.y);
                        // Texture mapped along the rectangle's axes: u follows x and v follows y.
                        const bool linear = rows_first ? (b.uv.x == c.uv.x && b.uv.y == a.uv.y && d.uv.x == a.uv.x && d.uv.y == c.uv.y)
                                                       : (b.uv.x == a.uv.x && b.uv.y == c.uv.y && d.uv.x == c.uv.x && d.uv.y == a.uv.y);
                        if (same_uv || linear) {
                            p.kind = same_uv ? Kind::Fill : Kind::Copy;
                            p.v[1] = &c;
                            p.bounds = {first_centre(std::min(a.pos.x, c.pos.x)), first_centre(std::min(a.pos.y, c.pos.y)),
                                        first_centre(std::max(a.pos.x, c.pos.x)), first_centre(std::max(a.pos.y, c.pos.y))};
                            p.bounds = intersect(p.bounds, clip);
                            i += 6;
                            if (empty(p.bounds) || (a.col >> 24) == 0) continue;
                            p.hash = hash_vertex(hash_vertex(mix(seed, static_cast<std::uint64_t>(p.kind)), a), c);
                            m_primitives.push_back(p);
                            continue;
                        }
                    }
                }
                // A fan of one-colour triangles around a: (a, b, c), (a, c, d), ... as one polygon.
                if (i + 6 <= count && index[i + 3] == index[i] && index[i + 4] == index[i + 2] && a.col == b.col &&
                    b.col == c.col && (!textured || (a.uv.x == b.uv.x && a.uv.y == b.uv.y && a.uv.x == c.uv.x && a.uv.y == c.uv.y))) {
                    const std::size_t first = m_polygon_vertices.size();
                    m_polygon_vertices.insert(m_polygon_vertices.end(), {&a, &b, &c});
                    unsigned j = i + 3;
                    for (; j + 3 <= count && index[j] == index[i] && index[j + 1] == index[j - 1] &&
                           m_polygon_vertices.size() - first < PolygonMax;
                         j += 3) {
                        const ImDrawVert& next = vertices[index[j + 2]];
                        if (next.col != a.col || (textured && (next.uv.x != a.uv.x || next.uv.y != a.uv.y))) break;
                        m_polygon_vertices.push_back(&next);
                    }
                    const std::size_t corners = m_polygon_vertices.size() - first;
                    if (corners >= 4 && convex(m_polygon_vertices, first, corners)) {
                        float min_x = a.pos.x, max_x = a.pos.x, min_y = a.pos.y, max_y = a.pos.y;
                        std::uint64_t h = mix(seed, 3);
                        for (std::size_t k = first; k < first + corners; ++k) {
                            const ImVec2 q = m_polygon_vertices[k]->pos;
                            min_x = std::min(min_x, q.x), max_x = std::max(max_x, q.x);
                            min_y = std::min(min_y, q.y), max_y = std::max(max_y, q.y);
                            h = hash_vertex(h, *m_polygon_vertices[k]);
                        }
                        i = j;
                        p.kind = Kind::Polygon;
                        p.first = static_cast<std::uint32_t>(first);
                        p.count = static_cast<std::uint32_t>(corners);
                        p.bounds = {static_cast<int>(std::floor(std::max(min_x, -1.0e6f))), static_cast<int>(std::floor(std::max(min_y, -1.0e6f))),
                                    static_cast<int>(std::ceil(std::min(max_x, 1.0e6f))) + 1, static_cast<int>(std::ceil(std::min(max_y, 1.0e6f))) + 1};
                        p.bounds = intersect(p.bounds, clip);
                        if (empty(p.bounds) || (a.col >> 24) == 0) continue;
                        p.hash = h;
                        m_primitives.push_back(p);
                        continue;
                    }
                    m_polygon_vertices.resize(first);
                }
                i += 3;
                const float min_x = std::min({a.pos.x, b.pos.x, c.pos.x}), max_x = std::max({a.pos.x, b.pos.x, c.pos.x});
                const float min_y = std::min({a.pos.y, b.pos.y, c.pos.y}), max_y = std::max({a.pos.y, b.pos.y, c.pos.y});
                if (!(max_x > min_x && max_y > min_y)) continue;  // no area (or NaN)
                p.bounds = {static_cast<int>(std::floor(std::max(min_x, -1.0e6f))), static_cast<int>(std::floor(std::max(min_y, -1.0e6f))),
                            static_cast<int>(std::ceil(std::min(max_x, 1.0e6f))) + 1, static_cast<int>(std::ceil(std::min(max_y, 1.0e6f))) + 1};
                p.bounds = intersect(p.bounds, clip);
                if (empty(p.bounds) || ((a.col | b.col | c.col) >> 24) == 0) continue;
                p.hash = hash_vertex(hash_vertex(hash_vertex(mix(seed, 2), a), b), c);
                m_primitives.push_back(p);
            }
        }
    }
}

// [SECTION] Frames: tiles, damage, runs to present

void Rasterizer::draw_tile(int tile, std::uint32_t clear) {
    const int tx = tile % m_tiles_x, ty = tile / m_tiles_x;
    const PixelRect area{tx * TileSize, ty * TileSize, std::min(m_width, (tx + 1) * TileSize),
                         std::min(m_height, (ty + 1) * TileSize)};
    std::uint32_t* pixels = m_pixels.data();
    const Texture texture{m_texture.data(), m_texture_width, m_texture_height};
    const auto& list = m_tile_primitives[static_cast<std::size_t>(tile)];
    // What lies under the last opaque rectangle covering the whole tile is never seen: start
    // there (panels and backgrounds would otherwise be filled twice, over the clear colour).
    std::size_t first = 0;
    bool covered = false;
    for (std::size_t k = list.size(); k-- > 0 && !covered;) {
        const Primitive& p = m_primitives[list[k]];
        if (p.kind != Kind::Fill || p.bounds.x0 > area.x0 || p.bounds.y0 > area.y0 || p.bounds.x1 < area.x1 ||
            p.bounds.y1 < area.y1 || (p.v[0]->col >> 24) != 255)
            continue;
        if (p.textured && texture.at(p.v[0]->uv.x, p.v[0]->uv.y) != 255) continue;
        first = k;
        covered = true;
    }
    if (!covered) fill_rect(pixels, m_width, area, clear, 255);
    for (std::size_t k = first; k < list.size(); ++k) {
        const Primitive& p = m_primitives[list[k]];
        const PixelRect r = intersect(p.bounds, area);
        if (empty(r)) continue;
        switch (p.kind) {
            case Kind::Fill: {
                std::uint32_t alpha = p.v[0]->col >> 24;
                if (p.textured) alpha = mul255(alpha, texture.at(p.v[0]->uv.x, p.v[0]->uv.y));
                fill_rect(pixels, m_width, r, p.v[0]->col & 0x00FFFFFFu, alpha);
                ++m_stats.rectangles;
                break;
            }
            case Kind::Copy:
                if (p.textured) copy_rect(pixels, m_width, r, *p.v[0], *p.v[1], texture);
                ++m_stats.rectangles;
                break;
            case Kind::Triangle:
                draw_triangle(pixels, m_width, r, p.v, p.textured, texture);
                ++m_stats.triangles;
                break;
            case Kind::Polygon:
                draw_polygon(pixels, m_width, r, m_polygon_vertices.data() + p.first, static_cast<int>(p.count), p.textured,
                             texture);
                ++m_stats.polygons;
                break;
        }
    }
}

const std::vector<PixelRect>& Rasterizer::render(const ImDrawData* data, ImU32 clear) {
    m_stats = FrameStats{};
    m_stats.tiles = m_tiles_x * m_tiles_y;
    collect(data);
    const std::uint64_t seed = mix(0x6D6F74637561ull, clear | Opaque);
    std::fill(m_tile_hash.begin(), m_tile_hash.end(), seed);
    for (auto& list : m_tile_primitives) list.clear();
    for (std::uint32_t index = 0; index < m_primitives.size(); ++index) {
        const Primitive& p = m_primitives[index];
        const int tx0 = p.bounds.x0 / TileSize, tx1 = (p.bounds.x1 - 1) / TileSize;
        const int ty0 = p.bounds.y0 / TileSize, ty1 = (p.bounds.y1 - 1) / TileSize;
        for (int ty = ty0; ty <= ty1; ++ty)
            for (int tx = tx0; tx <= tx1; ++tx) {
                const std::size_t tile = static_cast<std::size_t>(ty) * m_tiles_x + tx;
                m_tile_hash[tile] = mix(m_tile_hash[tile], p.hash);
                m_tile_primitives[tile].push_back(index);
            }
    }
    m_damage.clear();
    for (int ty = 0; ty < m_tiles_y; ++ty) {
        int run_start = -1;
        for (int tx = 0; tx <= m_tiles_x; ++tx) {
            const std::size_t tile = static_cast<std::size_t>(ty) * m_tiles_x + tx;
            const bool changed = tx < m_tiles_x && m_tile_hash[tile] != m_last_tile_hash[tile];
            if (changed) {
                draw_tile(static_cast<int>(tile), clear);
                ++m_stats.tiles_drawn;
                if (run_start < 0) run_start = tx;
            } else if (run_start >= 0) {
                m_damage.push_back({run_start * TileSize, ty * TileSize, std::min(m_width, tx * TileSize),
                                    std::min(m_height, (ty + 1) * TileSize)});
                run_start = -1;
            }
        }
    }
    m_last_tile_hash = m_tile_hash;
    return m_damage;
}

}  // namespace motcua::platform::render
