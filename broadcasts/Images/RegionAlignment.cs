namespace GoChat.Broadcasts.Images;

/// <summary>
/// The best alignment of the mark's tile found in one region: the 8 × 8 grid offset, the sync z-score there, and
/// the region's slot readings folded onto one tile. <see cref="Mean"/> is the sync's amplitude and
/// <see cref="Variance"/> its noise, from which the payload's log-likelihood ratios are scaled.
/// </summary>
internal sealed record RegionAlignment(double Z, int OffsetX, int OffsetY, float[] Slots, double Mean, double Variance);
