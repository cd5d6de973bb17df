fn main() {
    nap_studio_lib::run()
}
