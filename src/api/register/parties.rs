//! The objects of processors and of their agreements, which point at each
//! other (an agreement names its processor, a processor lists its
//! agreements): declared here, so that the file of each one's fields takes
//! the other's type from here rather than from the other file.

pub struct Processor(pub entity::processor::Model);

pub struct ProcessingAgreement(pub entity::processing_agreement::Model);
