package org.flattenexplorer.ui.viewmodel;

import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Preprocessing;

/** Where a training job gets its reviews; called on the training thread. */
@FunctionalInterface
public interface DatasetSource {
    PreparedDataset prepare(Preprocessing preprocessing);
}
