import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the app icon: a grid (the LSTM's 500x128 output) poured through a funnel into one long strip
 * (Flatten's 64,000 values), in the same colours, cell for cell in row-major order.
 *
 * <p>{@code java installer/icon/DrawIcon.java assets} writes assets/icon.png (256 px) and
 * assets/icons/icon-N.png for N in 16, 32, 48, 64, 128, 256, 512. Run it with {@code -Djava.awt.headless=true}.
 */
public class DrawIcon {
    static final int COLS = 6;
    static final int ROWS = 4;

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "assets");
        File sizes = new File(out, "icons");
        sizes.mkdirs();
        ImageIO.write(draw(256), "png", new File(out, "icon.png"));
        for (int s : new int[] {16, 32, 48, 64, 128, 256, 512}) {
            ImageIO.write(draw(s), "png", new File(sizes, "icon-" + s + ".png"));
        }
    }

    /** Viridis-like ramp, t in [0,1]. */
    static Color ramp(double t) {
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double x = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) x);
        double f = x - i;
        return new Color((int) (stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) (stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) (stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }

    static double value(int r, int c) {
        // a smooth pattern so neighbouring cells differ, repeated identically in the strip
        return (Math.sin(r * 1.7 + c * 0.9) + 1) / 2 * 0.85 + 0.1;
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 256.0, size / 256.0);

        // background: rounded square, dark slate
        g.setPaint(new GradientPaint(0, 0, new Color(38, 50, 72), 0, 256, new Color(20, 26, 40)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));

        // the grid (time steps x units)
        int gx = 58, gy = 30, cw = 23, ch = 18, gap = 2;
        int gw = COLS * cw, gh = ROWS * ch;
        g.setColor(new Color(255, 255, 255, 40));
        g.fillRoundRect(gx - 6, gy - 6, gw + 12 - gap, gh + 12 - gap, 10, 10);
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                g.setColor(ramp(value(r, c)));
                g.fillRect(gx + c * cw, gy + r * ch, cw - gap, ch - gap);
            }
        }

        // the funnel from the grid down to the strip
        int sy = 176, sh = 26, sx = 24, sw = 208;
        Polygon funnel = new Polygon(new int[] {gx - 2, gx + gw, sx + sw - 34, sx + 34},
                new int[] {gy + gh + 4, gy + gh + 4, sy - 8, sy - 8}, 4);
        g.setPaint(new GradientPaint(0, gy + gh, new Color(120, 200, 255, 90), 0, sy, new Color(120, 200, 255, 20)));
        g.fill(funnel);
        // a down arrow inside the funnel
        g.setColor(new Color(235, 240, 250));
        g.setStroke(new BasicStroke(7, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(128, gy + gh + 14, 128, sy - 24);
        g.drawLine(113, sy - 38, 128, sy - 22);
        g.drawLine(143, sy - 38, 128, sy - 22);

        // the flattened strip: every cell of the grid, row after row, in one line
        int n = ROWS * COLS;
        double cellW = (double) sw / n;
        g.setColor(new Color(255, 255, 255, 40));
        g.fillRoundRect(sx - 5, sy - 5, sw + 10, sh + 10, 10, 10);
        for (int i = 0; i < n; i++) {
            g.setColor(ramp(value(i / COLS, i % COLS)));
            int x0 = (int) Math.round(sx + i * cellW);
            int x1 = (int) Math.round(sx + (i + 1) * cellW);
            g.fillRect(x0, sy, Math.max(1, x1 - x0 - (size >= 64 ? 1 : 0)), sh);
        }
        g.dispose();
        return img;
    }
}
