/** An application with its own losses; it reads java.compiler neither directly nor through gradgen. */
module com.example.app {
    requires io.gradgen.runtime;
    requires static io.gradgen.annotations;
}
