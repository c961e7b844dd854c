/** A point in the plane, `[x, y]`: data points, centroids, positions on a plot. */
export type Point = [number, number];
